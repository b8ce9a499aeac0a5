import { cooperate, throwIfCancelled } from '../jobs/cooperate.js';
import { FulcrumError } from '../../../shared/errors.js';
import { progressOf } from './progress.js';
import type { EntryRevisionContent, CheckInRevisionContent } from '../../../shared/ledger.js';
import type { HandlersFor, ServiceContext } from './types.js';
import {
  chainHead,
  getRevision,
  lastLedgerCheck,
  listReceipts,
  listRevisions,
  revisionCount,
  saveCheckIn,
  sinceReceipt,
  takeReceipt,
  updateEntry,
  verifyAll,
  verifySinceLastCheck,
  existingIds,
  type Pause,
} from '../db/repos/index.js';
import { shortCode } from '../ledger/encoding.js';
import { entryAttachmentsByHash } from '../db/repos/attachments.js';
import type { DB } from '../db/open.js';

/** Links of an old version whose person or pattern has since been removed are left out when restoring. */
const stillThere = (db: DB, table: 'people' | 'tags', ids: readonly number[]): number[] => existingIds(db, table, ids);

function restoreEntryRevision(db: DB, c: EntryRevisionContent, now: number) {
  updateEntry(
    db,
    c.id,
    {
      occurredAt: c.occurredAt,
      timeZone: c.timeZone,
      title: c.title,
      body: c.body,
      personIds: stillThere(db, 'people', c.people),
      tagIds: stillThere(db, 'tags', c.patterns),
      domains: c.domains,
      powerSources: c.powerSources,
      balance: c.balance,
      intensity: c.intensity,
      heard: c.heard,
      respected: c.respected,
      valued: c.valued,
      involved: c.involved,
      outcome: c.outcome,
      raiseWithTherapist: c.raiseWithTherapist,
      safetyConcern: c.safetyConcern,
      // The files it had then, in that order: brought back from the trash if removed since, and
      // the ones added since go to the trash (Undo there brings them back).
      attachments: entryAttachmentsByHash(db, c.id, c.attachments).ids,
    },
    now,
    c.rev,
  );
}

function restoreCheckInRevision(db: DB, c: CheckInRevisionContent, now: number) {
  const { personId, week, heard, respected, involved, fairShare, boundaries, safe, note, forTherapist } = c;
  saveCheckIn(db, { personId, week, heard, respected, involved, fairShare, boundaries, safe, note, forTherapist }, now, c.rev);
}

export const historyHandlers: HandlersFor<'history'> = {
  'history.list': ({ type, id }, { vault }) => listRevisions(vault.database(), type, id),
  'history.get': ({ type, id, rev }, { vault }) => getRevision(vault.database(), type, id, rev),
  'history.restore': ({ type, id, rev }, { vault, ports }) => {
    const db = vault.database();
    const { content } = getRevision(db, type, id, rev);
    if (content.type === 'entry') restoreEntryRevision(db, content, ports.now());
    else restoreCheckInRevision(db, content, ports.now());
    return listRevisions(db, type, id).at(-1)!;
  },
};

/**
 * The whole-history checks running now, so the person can stop them: a check writes only its result,
 * at its end, so stopping one at a pause leaves nothing behind.
 */
export class HistoryChecks {
  private readonly checks = new Set<AbortController>();

  begin(): AbortController {
    const check = new AbortController();
    this.checks.add(check);
    return check;
  }

  end(check: AbortController): void {
    this.checks.delete(check);
  }

  /** Stops every running check at its next pause; whether one was running. */
  stop(): boolean {
    const any = this.checks.size > 0;
    for (const check of this.checks) check.abort();
    this.checks.clear();
    return any;
  }

  get running(): number {
    return this.checks.size;
  }
}

/**
 * The pauses of a whole-history check the person asked for: besides giving the event loop its turn
 * (cooperate), each gives the call queue up (ServiceContext.turn), so a save sent meanwhile is written
 * within a batch's time instead of after the whole check, tens of seconds on a large journal. The check
 * holds no transaction across a pause. A call run meanwhile may have locked the journal or put a
 * restored one in its place: the check then stops.
 */
function checkPauses(ctx: ServiceContext, db: DB, stop: AbortSignal): Pause {
  // A turn of the event loop at every pause, not only once 20 ms have gone by: a call is queued only
  // once its message has been read, which the loop does between two batches.
  const pause = cooperate(ctx.vault.lockSignal, 0);
  return async () => {
    await pause();
    if (ctx.turn) {
      await ctx.turn();
      throwIfCancelled(ctx.vault.lockSignal);
      if (!ctx.vault.unlocked || ctx.vault.database() !== db) {
        throw new FulcrumError('CANCELLED', 'The check stopped because the journal was replaced while it ran. Check the whole history again.');
      }
    }
    if (stop.aborted) throw new FulcrumError('CANCELLED', 'The check was stopped. Nothing of it was recorded: the last check stands.');
  };
}

export const ledgerHandlers: HandlersFor<'ledger'> = {
  'ledger.status': (_input, { vault }) => {
    const db = vault.database();
    const head = chainHead(db);
    return {
      revisions: revisionCount(db),
      head: head ? { ...head, code: shortCode(head.hash) } : null,
      lastCheck: lastLedgerCheck(db),
    };
  },
  'ledger.verify': async (_input, ctx) => {
    const db = ctx.vault.database();
    const check = ctx.historyChecks.begin();
    try {
      return await verifyAll(db, ctx.ports.now(), checkPauses(ctx, db, check.signal), progressOf(ctx, 'history'));
    } finally {
      ctx.historyChecks.end(check);
    }
  },
  'ledger.stopCheck': (_input, ctx) => ({ stopped: ctx.historyChecks.stop() }),
  'ledger.takeReceipt': (_input, { vault, ports }) => takeReceipt(vault.database(), ports.now()),
  'ledger.receipts': (_input, { vault }) => listReceipts(vault.database()),
  'ledger.sinceReceipt': ({ receiptId, type, id }, { vault }) => sinceReceipt(vault.database(), receiptId, type, id),
};

/**
 * After unlock, the revisions added since the last clean check are hashed — on the next turn of the
 * event loop, so the unlock itself does not wait for it. Its result is what the Safety page shows.
 */
export function checkHistoryAfterUnlock(ctx: ServiceContext): void {
  const db = ctx.vault.database();
  const signal = ctx.vault.lockSignal;
  setImmediate(() => {
    if (!ctx.vault.unlocked || ctx.vault.database() !== db) return;
    verifySinceLastCheck(db, ctx.ports.now(), cooperate(signal)).then(
      (check) => {
        if (!check.ok) ctx.ports.log('warn', `history check found ${check.failures.length} revisions that do not check out`);
      },
      (e) => {
        // A lock stopped it (CANCELLED): it runs again at the next unlock, as does a failed one.
        if ((e as { code?: string })?.code !== 'CANCELLED') {
          ctx.ports.log('warn', `history check failed (${(e as { code?: string })?.code ?? 'error'}); it runs again at the next unlock`);
        }
      },
    );
  });
}
