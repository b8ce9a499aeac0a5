/**
 * New entry and edit entry. The editor's state is autosaved as an encrypted draft (through
 * 'drafts.save') about every two seconds after a change, when the page is hidden or closed, when
 * leaving the editor and before locking — so nothing typed is lost.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DOMAIN_LABELS, DOMAINS, POWER_SOURCE_LABELS, POWER_SOURCES } from '../../shared/catalogue.js';
import type { Entry } from '../../shared/schemas.js';
import { ApiError, call, messageOf } from '../api.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { BalanceSlider, CheckboxGroup, PatternPicker, PeoplePicker, ScoreGroup } from '../components/EditorControls.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { shortDateTime, timeOf } from '../lib/format.js';
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
  type EditorState,
} from '../lib/editorState.js';
import { navigate } from '../lib/router.js';
import { useJournalData, useSession, useToast } from '../lib/session.js';

const AUTOSAVE_MS = 2000;

export function EntryEditorPage({ entryId }: { entryId?: number }) {
  const key = draftKeyFor(entryId);
  const { people, tags } = useJournalData();
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

  const stateRef = useRef<EditorState | null>(null);
  const baseline = useRef<EditorState | null>(null);
  const lastSaved = useRef<string | null>(null);
  const closed = useRef(false);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  stateRef.current = state;

  // ---- load the entry (when editing) and any draft
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const [entry, draft] = await Promise.all([entryId ? call('entries.get', { id: entryId }) : Promise.resolve(null), call('drafts.get', { key })]);
        if (!live) return;
        const base = entry ? stateFromEntry(entry) : blankState();
        baseline.current = base;
        setOriginal(entry);
        const restored = draft ? parseDraft(draft.content) : null;
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
  }, [entryId, key]);

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

  // Quick capture: a new entry starts with the cursor in "What happened".
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const loaded = state !== null;
  useEffect(() => {
    if (loaded && !entryId) bodyRef.current?.focus();
  }, [loaded, entryId]);

  const update = useCallback(<K extends keyof EditorState>(field: K, value: EditorState[K]) => {
    setState((s) => (s ? { ...s, [field]: value } : s));
  }, []);

  // ---- save / cancel
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!state || saving) return;
    if (!hasContent(state)) {
      setError('Write what happened, or choose at least one pattern, before saving.');
      return;
    }
    const fields = original ? toEntryPatch(state, original) : toEntryInput(state);
    if (!fields) {
      setError('Enter a complete date and time in “When”.');
      return;
    }
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
  const heading = entryId ? 'Edit entry' : 'New entry';

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

  return (
    <div className="page editor-page">
      <form onSubmit={submit} aria-labelledby={titleId} className="editor" noValidate>
        <header className="page-head">
          <h1 id={titleId}>{heading}</h1>
        </header>
        {restoredAt !== null && (
          <div role="status" className="notice restored">
            <span>Restored your unsaved draft from {shortDateTime(restoredAt)}.</span>
            <button type="button" className="button small" onClick={() => void discardRestored()}>
              Discard draft
            </button>
          </div>
        )}

        <section className="editor-section">
          <div className="grid-2">
            <div className="field">
              <label htmlFor="entry-when">When</label>
              <input id="entry-when" type="datetime-local" value={state.when} onChange={(e) => update('when', e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor="entry-title">Title</label>
              <input id="entry-title" type="text" dir="auto" value={state.title} onChange={(e) => update('title', e.target.value)} maxLength={300} aria-describedby="entry-title-hint" autoComplete="off" />
              <p id="entry-title-hint" className="hint">
                Optional — a few words to find it again.
              </p>
            </div>
          </div>
          {!people.some((p) => p.archivedAt === null || state.personIds.includes(p.id)) ? (
            <div className="field">
              <p className="label-like">Who was involved</p>
              <p className="hint">
                No people yet. <a href="#/people">Add the people you want to reflect on</a> — this draft is kept while you do.
              </p>
            </div>
          ) : (
            <PeoplePicker people={people} value={state.personIds} onChange={(v) => update('personIds', v)} />
          )}
          <div className="field">
            <label htmlFor="entry-body">What happened</label>
            <textarea ref={bodyRef} id="entry-body" dir="auto" rows={8} value={state.body} onChange={(e) => update('body', e.target.value)} aria-describedby="entry-body-hint" />
            <p id="entry-body-hint" className="hint">
              In your own words. Only you can read this.
            </p>
          </div>
        </section>

        <section className="editor-section">
          <PatternPicker tags={tags} value={state.tagIds} onChange={(v) => update('tagIds', v)} />
        </section>

        <section className="editor-section">
          <BalanceSlider value={state.balance} onChange={(v) => update('balance', v)} />
          <ScoreGroup legend="Intensity" low="mild" high="overwhelming" value={state.intensity} onChange={(v) => update('intensity', v)} />
          <h2 className="section-title">How did you feel?</h2>
          <div className="grid-2">
            <ScoreGroup legend="Heard" low="not at all" high="completely" value={state.heard} onChange={(v) => update('heard', v)} />
            <ScoreGroup legend="Respected" low="not at all" high="completely" value={state.respected} onChange={(v) => update('respected', v)} />
            <ScoreGroup legend="Valued" low="not at all" high="completely" value={state.valued} onChange={(v) => update('valued', v)} />
            <ScoreGroup legend="Involved" low="not at all" high="completely" value={state.involved} onChange={(v) => update('involved', v)} />
          </div>
        </section>

        <section className="editor-section">
          <CheckboxGroup legend="Areas of life" options={DOMAINS.map((d) => ({ value: d, label: DOMAIN_LABELS[d] }))} value={state.domains} onChange={(v) => update('domains', v)} />
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
        </section>

        <footer className="editor-foot">
          <ErrorAlert>{error}</ErrorAlert>
          <div className="editor-actions">
            <span className="autosave hint">
              {draftError ? 'Draft could not be saved — keep this window open and try saving the entry.' : savedAt ? `Draft saved at ${timeOf(savedAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}` : 'Drafts are saved as you type.'}
            </span>
            <button type="button" className="button" onClick={cancel} disabled={saving}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={saving}>
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
    </div>
  );
}

