import { renderSVG } from 'uqr';
import { FulcrumError } from '../../../../shared/errors.js';
import type { ItemType, Receipt, SinceReceipt } from '../../../../shared/ledger.js';
import { shortCode } from '../../ledger/encoding.js';
import type { DB } from '../open.js';
import { all, get, value } from './sql.js';
import { chainHead, revisionsAfter } from './revisions.js';

interface ReceiptRow {
  id: number;
  taken_at: number;
  seq: number;
  head: string;
}

const payloadOf = (r: ReceiptRow) => `FULCRUM-RECEIPT:1:${r.head}:${r.seq}:${new Date(r.taken_at).toISOString()}`;

const toReceipt = (r: ReceiptRow): Receipt => {
  const payload = payloadOf(r);
  return {
    id: r.id,
    takenAt: r.taken_at,
    seq: r.seq,
    head: r.head,
    code: shortCode(r.head),
    payload,
    qrSvg: renderSVG(payload, { ecc: 'M', border: 2, pixelSize: 4 }),
  };
};

/**
 * A receipt: the chain head and the time, kept in the journal and shown to be written down or sent
 * elsewhere. Only a copy kept outside the journal fixes the time for anyone else.
 */
export function takeReceipt(db: DB, now: number): Receipt {
  const head = chainHead(db);
  if (!head) {
    throw new FulcrumError('CONFLICT', 'There is nothing in the history yet. Write an entry first, then take a receipt.');
  }
  const row = get<ReceiptRow>(db, 'INSERT INTO receipts (taken_at, seq, head) VALUES (?, ?, ?) RETURNING id, taken_at, seq, head', now, head.seq, head.hash)!;
  return toReceipt(row);
}

/** Receipts issued, newest first. */
export const listReceipts = (db: DB): Receipt[] =>
  all<ReceiptRow>(db, 'SELECT id, taken_at, seq, head FROM receipts ORDER BY id DESC').map(toReceipt);

/** Whether an item existed at a receipt, and which of its revisions came after it. */
export function sinceReceipt(db: DB, receiptId: number, type: ItemType, id: number): SinceReceipt {
  const r = get<ReceiptRow>(db, 'SELECT id, taken_at, seq, head FROM receipts WHERE id = ?', receiptId);
  if (!r) throw new FulcrumError('NOT_FOUND', 'That receipt is not in the journal. Reload and choose another.');
  const atReceipt = value<string>(db, 'SELECT hash FROM revisions WHERE seq = ?', r.seq);
  const existed = value<number>(db, 'SELECT 1 FROM revisions WHERE item_type = ? AND item_id = ? AND seq <= ? LIMIT 1', type, id, r.seq) === 1;
  const { qrSvg: _omit, ...receipt } = toReceipt(r);
  return { receipt, headMatches: atReceipt === r.head, existed, after: revisionsAfter(db, type, id, r.seq) };
}
