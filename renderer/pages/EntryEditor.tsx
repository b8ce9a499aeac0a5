/**
 * New entry, quick log and edit entry. The editor's state is autosaved as an encrypted draft (through
 * 'drafts.save') about every two seconds after a change, when the page is hidden or closed, when
 * leaving the editor and before locking — so nothing typed is lost.
 *
 * By keyboard: Ctrl/Cmd+Enter saves from any field; plain Enter never submits (in the pattern filter
 * it chooses the first match). Quick log is the same editor, compact: people, patterns, balance and
 * one line of text, the rest folded under "More details". A date more than a day ahead is saved only
 * once the writer confirms it.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { DOMAIN_LABELS, DOMAINS, POWER_SOURCE_LABELS, POWER_SOURCES } from '../../shared/catalogue.js';
import { checkEntryDate, DATE_PROBLEMS, type Entry } from '../../shared/schemas.js';
import { ApiError, call, messageOf } from '../api.js';
import { AttachmentsField } from '../components/attachments/AttachmentsField.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { BalanceSlider, CheckboxGroup, PatternPicker, PeoplePicker, ScoreGroup } from '../components/EditorControls.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { browserTimeZone, formatDate, formatDateTime, formatTime, fromLocalInput } from '../lib/format.js';
import {
  blankState,
  draftContent,
  draftKeyFor,
  hasContent,
  parseDraft,
  sameState,
  stateFromEntry,
  toEntryInput,
  toEntryPatch,
  withDomains,
  withPatterns,
  type EditorState,
} from '../lib/editorState.js';
import { navigate } from '../lib/router.js';
import { useJournalData, useSession, useToast } from '../lib/session.js';

const AUTOSAVE_MS = 2000;
/** Further ahead than this, a date is asked about before saving: a day covers any time zone. */
const FUTURE_MS = 24 * 3_600_000;

export function EntryEditorPage({ entryId, quick = false }: { entryId?: number; quick?: boolean }) {
  const key = draftKeyFor(entryId);
  const { people, tags, loaded: listsLoaded, error: listsError } = useJournalData();
  // The patterns must be known before an entry is opened: its areas are read against them.
  const listsReady = listsLoaded || listsError !== null;
  const session = useSession();
  const toast = useToast();

  const [state, setState] = useState<EditorState | null>(null);
  const [original, setOriginal] = useState<Entry | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [draftError, setDraftError] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  /** The future moment waiting for "Save it anyway?", or null. */
  const [confirmFuture, setConfirmFuture] = useState<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const stateRef = useRef<EditorState | null>(null);
  const baseline = useRef<EditorState | null>(null);
  const lastSaved = useRef<string | null>(null);
  const closed = useRef(false);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  stateRef.current = state;
  const tagsRef = useRef(tags);
  tagsRef.current = tags;

  // ---- load the entry (when editing) and any draft
  useEffect(() => {
    if (!listsReady) return;
    let live = true;
    (async () => {
      try {
        const [entry, draft, attached] = await Promise.all([
          entryId ? call('entries.get', { id: entryId }) : Promise.resolve(null),
          call('drafts.get', { key }),
          entryId ? call('attachments.list', { owner: { kind: 'entry', id: entryId } }) : Promise.resolve([]),
        ]);
        if (!live) return;
        const base = entry ? stateFromEntry(entry, tagsRef.current, attached.map((a) => a.id)) : blankState();
        baseline.current = base;
        setOriginal(entry);
        const restored = draft ? parseDraft(draft.content, base) : null;
        if (draft && restored && !sameState(restored, base)) {
          lastSaved.current = draft.content;
          setRestoredAt(draft.updatedAt);
          setState(restored);
        } else setState(base);
      } catch (e) {
        if (live) setLoadError(e instanceof ApiError && e.code === 'NOT_FOUND' ? 'This entry no longer exists. It may have been deleted for good.' : messageOf(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [entryId, key, listsReady]);

  // ---- autosave
  const flush = useCallback((): Promise<void> => {
    const run = async () => {
      const s = stateRef.current;
      if (!s || closed.current || !baseline.current) return;
      const content = draftContent(s);
      if (content === lastSaved.current) return;
      try {
        if (sameState(s, baseline.current)) {
          // Back to where it started: no draft needed.
          if (lastSaved.current !== null) await call('drafts.discard', { key });
          lastSaved.current = null;
        } else {
          await call('drafts.save', { key, content });
          lastSaved.current = content;
          setSavedAt(Date.now());
        }
        setDraftError(false);
      } catch {
        setDraftError(true);
      }
    };
    chain.current = chain.current.then(run);
    return chain.current;
  }, [key]);

  useEffect(() => {
    if (!state || closed.current || timer.current) return;
    if (draftContent(state) === lastSaved.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void flush();
    }, AUTOSAVE_MS);
  }, [state, flush]);

  useEffect(() => {
    const offLock = session.beforeLock(async () => {
      await flush();
      closed.current = true;
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onLeave = () => void flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      offLock();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      // Leaving the editor (another page): keep what was typed.
      void flush();
    };
  }, [session, flush]);

  // Quick capture: a new entry starts with the cursor in "What happened"; quick log starts with
  // the first person (or the pattern filter when there is nobody yet).
  const bodyRef = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const loaded = state !== null;
  useEffect(() => {
    if (!loaded || entryId) return;
    if (quick) formRef.current?.querySelector<HTMLInputElement>('.people-picker input, .pattern-picker input[type="search"]')?.focus();
    else bodyRef.current?.focus();
  }, [loaded, entryId, quick]);

  const update = useCallback(<K extends keyof EditorState>(field: K, value: EditorState[K]) => {
    setState((s) => (s ? { ...s, [field]: value } : s));
  }, []);
  const setPatterns = useCallback((ids: number[]) => setState((s) => (s ? withPatterns(s, ids, tagsRef.current) : s)), []);
  const setDomains = useCallback((ds: EditorState['domains']) => setState((s) => (s ? withDomains(s, ds, tagsRef.current) : s)), []);
  const updateAttachments = useCallback((f: (ids: number[]) => number[]) => setState((s) => (s ? { ...s, attachmentIds: f(s.attachmentIds) } : s)), []);

  // ---- save / cancel
  function onFormKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key !== 'Enter' || e.altKey || e.nativeEvent.isComposing) return;
    if (e.ctrlKey || e.metaKey) {
      // Ctrl/Cmd+Enter saves from any field.
      e.preventDefault();
      formRef.current?.requestSubmit();
      return;
    }
    // Plain Enter in a one-line field, a checkbox, a rating or a radio never submits the form
    // (text areas keep their new lines, buttons and links their own action).
    const t = e.target;
    if (t instanceof HTMLInputElement && t.type !== 'submit' && t.type !== 'button') e.preventDefault();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!state || saving) return;
    if (!hasContent(state)) {
      setError('Write what happened, choose at least one pattern, or attach a file before saving.');
      return;
    }
    const fields = original ? toEntryPatch(state, original) : toEntryInput(state);
    if (!fields) {
      setError('Enter a complete date and time in “When”.');
      return;
    }
    const at = fromLocalInput(state.when);
    const problem = checkEntryDate(at, browserTimeZone());
    if (problem) {
      setError(DATE_PROBLEMS[problem]);
      return;
    }
    // A new date more than a day ahead is most likely a slip of the year: ask once.
    const dateChanged = !original || fields.occurredAt !== original.occurredAt;
    if (at !== null && dateChanged && at > Date.now() + FUTURE_MS) {
      setError(null);
      setConfirmFuture(at);
      return;
    }
    await save();
  }

  async function save() {
    if (!state || saving) return;
    const fields = original ? toEntryPatch(state, original) : toEntryInput(state);
    if (!fields) return;
    setSaving(true);
    setError(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    closed.current = true;
    await chain.current;
    try {
      const saved = original ? await call('entries.update', { id: original.id, patch: fields }) : await call('entries.create', toEntryInput(state)!);
      await call('drafts.discard', { key }).catch(() => undefined);
      lastSaved.current = null;
      toast.show(original ? 'Changes saved.' : 'Entry saved.');
      navigate(original ? `/entry/${saved.id}` : '/timeline');
    } catch (err) {
      closed.current = false;
      setSaving(false);
      setError(messageOf(err));
    }
  }

  async function discardAndLeave() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    closed.current = true;
    await chain.current;
    await call('drafts.discard', { key });
    lastSaved.current = null;
    navigate(original ? `/entry/${original.id}` : '/timeline');
  }

  function cancel() {
    if (state && baseline.current && !sameState(state, baseline.current)) setConfirmCancel(true);
    else void discardAndLeave().catch(() => navigate('/timeline'));
  }

  async function discardRestored() {
    if (!baseline.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    await chain.current;
    try {
      await call('drafts.discard', { key });
      lastSaved.current = null;
      setState(baseline.current);
      setRestoredAt(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const titleId = useId();
  const heading = entryId ? 'Edit entry' : quick ? 'Quick log' : 'New entry';

  if (loadError)
    return (
      <div className="page">
        <h1>{heading}</h1>
        <ErrorAlert>{loadError}</ErrorAlert>
        <a href="#/timeline">Back to the timeline</a>
      </div>
    );
  if (!state)
    return (
      <div className="page">
        <h1>{heading}</h1>
        <Loading />
      </div>
    );

  const whenAndTitle = (
    <div className="grid-2">
      <div className="field">
        <label htmlFor="entry-when">When</label>
        <input id="entry-when" type="datetime-local" min="1900-01-01T00:00" max="2100-12-31T23:59" value={state.when} onChange={(e) => update('when', e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="entry-title">Title</label>
        <input id="entry-title" type="text" dir="auto" value={state.title} onChange={(e) => update('title', e.target.value)} maxLength={300} aria-describedby="entry-title-hint" autoComplete="off" />
        <p id="entry-title-hint" className="hint">
          Optional — a few words to find it again.
        </p>
      </div>
    </div>
  );
  const who = !people.some((p) => p.archivedAt === null || state.personIds.includes(p.id)) ? (
    <div className="field">
      <p className="label-like">Who was involved</p>
      <p className="hint">
        No people yet. <a href="#/people">Add the people you want to reflect on</a> — this draft is kept while you do.
      </p>
    </div>
  ) : (
    <PeoplePicker people={people} value={state.personIds} onChange={(v) => update('personIds', v)} />
  );
  // Quick log asks for one line; a draft that already has several keeps its text area.
  const oneLine = quick && !state.body.includes('\n');
  const body = (
    <div className="field">
      <label htmlFor="entry-body">What happened</label>
      {oneLine ? (
        <input ref={bodyRef} id="entry-body" type="text" dir="auto" value={state.body} onChange={(e) => update('body', e.target.value)} aria-describedby="entry-body-hint" autoComplete="off" />
      ) : (
        <textarea ref={bodyRef} id="entry-body" dir="auto" rows={8} value={state.body} onChange={(e) => update('body', e.target.value)} aria-describedby="entry-body-hint" />
      )}
      <p id="entry-body-hint" className="hint">
        {oneLine ? 'One line is enough. Only you can read this.' : 'In your own words. Only you can read this.'}
      </p>
    </div>
  );
  const attachments = <AttachmentsField ids={state.attachmentIds} update={updateAttachments} dropTarget={formRef} disabled={saving} />;
  const patterns = <PatternPicker tags={tags} value={state.tagIds} onChange={setPatterns} compact={quick} />;
  const balance = <BalanceSlider value={state.balance} onChange={(v) => update('balance', v)} />;
  const ratings = (
    <>
      <ScoreGroup legend="Intensity" low="mild" high="overwhelming" value={state.intensity} onChange={(v) => update('intensity', v)} />
      <h2 className="section-title">How did you feel?</h2>
      <div className="grid-2">
        <ScoreGroup legend="Heard" low="not at all" high="completely" value={state.heard} onChange={(v) => update('heard', v)} />
        <ScoreGroup legend="Respected" low="not at all" high="completely" value={state.respected} onChange={(v) => update('respected', v)} />
        <ScoreGroup legend="Valued" low="not at all" high="completely" value={state.valued} onChange={(v) => update('valued', v)} />
        <ScoreGroup legend="Involved" low="not at all" high="completely" value={state.involved} onChange={(v) => update('involved', v)} />
      </div>
    </>
  );
  const rest = (
    <>
      <CheckboxGroup
        legend="Areas of life"
        hint="Filled in from the patterns you choose; change them as you like."
        options={DOMAINS.map((d) => ({ value: d, label: DOMAIN_LABELS[d] }))}
        value={state.domains}
        onChange={setDomains}
      />
      <CheckboxGroup
        legend="Power sources"
        hint="Where did the power in this moment come from?"
        options={POWER_SOURCES.map((p) => ({ value: p, label: POWER_SOURCE_LABELS[p] }))}
        value={state.powerSources}
        onChange={(v) => update('powerSources', v)}
      />
      <div className="field">
        <label htmlFor="entry-outcome">Outcome</label>
        <textarea id="entry-outcome" dir="auto" rows={3} value={state.outcome} onChange={(e) => update('outcome', e.target.value)} aria-describedby="entry-outcome-hint" />
        <p id="entry-outcome-hint" className="hint">
          How did it end? Is there anything you would like to happen next?
        </p>
      </div>
      <fieldset className="flags">
        <legend>Flags</legend>
        <label className="check">
          <input type="checkbox" checked={state.raiseWithTherapist} onChange={(e) => update('raiseWithTherapist', e.target.checked)} />
          Raise with my therapist
        </label>
        <label className="check">
          <input type="checkbox" checked={state.safetyConcern} onChange={(e) => update('safetyConcern', e.target.checked)} />
          Safety concern
        </label>
        {state.safetyConcern && <p className="hint safety">If you are in danger now, contact your local emergency number. A domestic-abuse helpline can help you plan for your safety.</p>}
      </fieldset>
    </>
  );

  return (
    <div className="page editor-page">
      <form ref={formRef} onSubmit={submit} onKeyDown={onFormKeyDown} aria-labelledby={titleId} className={quick ? 'editor quick' : 'editor'} noValidate>
        <header className="page-head">
          <h1 id={titleId}>{heading}</h1>
          {quick && <p className="hint">People, patterns, balance and a line of text. {modKey}+Enter saves.</p>}
        </header>
        {restoredAt !== null && (
          <div role="status" className="notice restored">
            <span>Restored your unsaved draft from {formatDateTime(restoredAt)}.</span>
            <button type="button" className="button small" onClick={() => void discardRestored()}>
              Discard draft
            </button>
          </div>
        )}

        {quick ? (
          <>
            <section className="editor-section">
              {who}
              {patterns}
              {balance}
              {body}
              {attachments}
            </section>
            <details className="editor-section more-details">
              <summary>More details: when, title, how it felt, areas of life, outcome, flags</summary>
              {whenAndTitle}
              {ratings}
              {rest}
            </details>
          </>
        ) : (
          <>
            <section className="editor-section">
              {whenAndTitle}
              {who}
              {body}
              {attachments}
            </section>
            <section className="editor-section">{patterns}</section>
            <section className="editor-section">
              {balance}
              {ratings}
            </section>
            <section className="editor-section">{rest}</section>
          </>
        )}

        <footer className="editor-foot">
          <ErrorAlert>{error}</ErrorAlert>
          <div className="editor-actions">
            <span className="autosave hint">
              {draftError ? 'Draft could not be saved — keep this window open and try saving the entry.' : savedAt ? `Draft saved at ${formatTime(savedAt)}` : 'Drafts are saved as you type.'}
            </span>
            <button type="button" className="button" onClick={cancel} disabled={saving}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={saving} aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}>
              {saving ? 'Saving…' : 'Save entry'}
            </button>
          </div>
        </footer>
      </form>
      {confirmCancel && (
        <ConfirmDialog
          title={original ? 'Discard your changes?' : 'Discard this entry?'}
          message={<p>{original ? 'The entry stays as it was before you started editing.' : 'What you wrote here will be deleted.'}</p>}
          confirmLabel="Discard"
          danger
          onConfirm={discardAndLeave}
          onClose={() => setConfirmCancel(false)}
        />
      )}
      {confirmFuture !== null && (
        <ConfirmDialog
          title="A date in the future"
          message={<p>This is dated {formatDate(confirmFuture)}, in the future. Save it anyway?</p>}
          confirmLabel="Save it anyway"
          cancelLabel="Change the date"
          onConfirm={async () => {
            setConfirmFuture(null);
            await save();
          }}
          onClose={() => setConfirmFuture(null)}
        />
      )}
    </div>
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const modKey = isMac ? 'Cmd' : 'Ctrl';
