/**
 * New entry, quick log and edit entry. The editor's state is autosaved as an encrypted draft (through
 * 'drafts.save', by useAutosave in lib/autosave.ts) about every two seconds after a change, when the
 * window loses focus, is hidden or closed, when leaving the editor and before locking — so nothing
 * typed is lost.
 *
 * By keyboard: Ctrl/Cmd+Enter saves from any field; plain Enter never submits (in the pattern filter
 * it chooses the first match). Quick log is the same editor, compact: people, patterns, balance and
 * one line of text, the rest folded under "More details". A date more than a day ahead is saved only
 * once the writer confirms it.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DOMAINS, POWER_SOURCES } from '../../shared/catalogue.js';
import { checkEntryDate, ENTRY_YEARS, type Entry } from '../../shared/schemas.js';
import { translate, useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { ApiError, call, messageOf } from '../api.js';
import { AttachmentsField } from '../components/attachments/AttachmentsField.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { BalanceSlider, CheckboxGroup, PatternPicker, PeoplePicker, ScoreGroup } from '../components/EditorControls.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { TemplatePicker } from '../components/writing/TemplatePicker.js';
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
import { useAutosave } from '../lib/autosave.js';
import { screenKey } from '../lib/queries.js';
import { navigate } from '../lib/router.js';
import { useJournalData, useSession, useToast } from '../lib/session.js';

/** Further ahead than this, a date is asked about before saving: a day covers any time zone. */
const FUTURE_MS = 24 * 3_600_000;

type EditorProps = { entryId?: number; quick?: boolean };

/** One editor per draft: opening another entry starts afresh (the one left keeps its draft). */
export function EntryEditorPage(props: EditorProps) {
  return <EntryEditor key={draftKeyFor(props.entryId)} {...props} />;
}

function EntryEditor({ entryId, quick = false }: EditorProps) {
  const key = draftKeyFor(entryId);
  const t = useT();
  const v = useVocabulary();
  const { people, tags, loaded: listsLoaded, error: listsError } = useJournalData();
  // The patterns must be known before an entry is opened: its areas are read against them.
  const listsReady = listsLoaded || listsError !== null;
  const session = useSession();
  const toast = useToast();

  const [state, setState] = useState<EditorState | null>(null);
  const [original, setOriginal] = useState<Entry | null>(null);
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  /** The future moment waiting for "Save it anyway?", or null. */
  const [confirmFuture, setConfirmFuture] = useState<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const baseline = useRef<EditorState | null>(null);
  const tagsRef = useRef(tags);
  tagsRef.current = tags;

  // ---- autosave: the editor's state as an encrypted draft
  const autosave = useAutosave({
    value: state,
    serialize: draftContent,
    isPristine: (s) => baseline.current !== null && sameState(s, baseline.current),
    save: async (content) => void (await call('drafts.save', { key, content })),
    remove: async () => void (await call('drafts.discard', { key })),
    beforeLock: session.beforeLock,
  });
  const { adopt } = autosave;

  // ---- load the entry (when editing) and any draft: once, fresh (never a cached draft), once the
  // patterns are known (an entry's areas are read against them)
  const load = useQuery({
    queryKey: screenKey('entries', 'editor', { entryId: entryId ?? null, key }),
    queryFn: async () => {
      const [entry, draft, attached] = await Promise.all([
        entryId ? call('entries.get', { id: entryId }) : Promise.resolve(null),
        call('drafts.get', { key }),
        entryId ? call('attachments.list', { owner: { kind: 'entry', id: entryId } }) : Promise.resolve([]),
      ]);
      return { entry, draft, attachmentIds: attached.map((a) => a.id) };
    },
    enabled: listsReady,
    staleTime: Infinity,
    gcTime: 0,
  });
  const opened = load.data;
  const loadError = state === null && load.error ? (load.error instanceof ApiError && load.error.code === 'NOT_FOUND' ? translate('entry.gone') : messageOf(load.error)) : null;
  // The editor starts from the first answer; a later one (another screen changed the entry) does
  // not replace what is being typed.
  useEffect(() => {
    if (!opened || baseline.current) return;
    const { entry, draft, attachmentIds } = opened;
    const base = entry ? stateFromEntry(entry, tagsRef.current, attachmentIds) : blankState();
    baseline.current = base;
    setOriginal(entry);
    const restored = draft ? parseDraft(draft.content, base) : null;
    if (draft && restored && !sameState(restored, base)) {
      adopt(draft.content);
      setRestoredAt(draft.updatedAt);
      setState(restored);
    } else setState(base);
  }, [opened, adopt]);

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
      setError(t('editor.needContent'));
      return;
    }
    const fields = original ? toEntryPatch(state, original) : toEntryInput(state);
    if (!fields) {
      setError(t('editor.needWhen'));
      return;
    }
    const at = fromLocalInput(state.when);
    const problem = checkEntryDate(at, browserTimeZone());
    if (problem) {
      setError(problem === 'DATE_OUT_OF_RANGE' ? t('editor.dateOutOfRange', { min: ENTRY_YEARS.min, max: ENTRY_YEARS.max }) : t('editor.dateNotMoment'));
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
    await autosave.pause();
    try {
      const saved = original ? await call('entries.update', { id: original.id, patch: fields }) : await call('entries.create', toEntryInput(state)!);
      // The entry holds it now: its draft goes (a draft left behind is offered again, never lost).
      await autosave.clear().catch(() => undefined);
      toast.show(original ? t('editor.changesSaved') : t('editor.entrySaved'));
      navigate(original ? `/entry/${saved.id}` : '/timeline');
    } catch (err) {
      autosave.resume();
      setSaving(false);
      setError(messageOf(err));
    }
  }

  function discardAndLeave() {
    // Leaves at once, whatever the disk is doing: drafts stop being saved (so leaving the screen does
    // not store this one again) and the stored draft is removed after any save on its way. Were that
    // removal to fail, the draft would only be offered again next time.
    void autosave.pause();
    void autosave.clear().catch(() => undefined);
    navigate(original ? `/entry/${original.id}` : '/timeline');
  }

  function cancel() {
    if (state && baseline.current && !sameState(state, baseline.current)) setConfirmCancel(true);
    else discardAndLeave();
  }

  async function discardRestored() {
    if (!baseline.current) return;
    try {
      await autosave.clear();
      setState(baseline.current);
      setRestoredAt(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const titleId = useId();
  const heading = entryId ? t('editor.edit') : quick ? t('editor.quick') : t('editor.new');

  if (loadError)
    return (
      <div className="page">
        <h1>{heading}</h1>
        <ErrorAlert>{loadError}</ErrorAlert>
        <a href="#/timeline">{t('entry.backToTimeline')}</a>
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
        <label htmlFor="entry-when">{t('editor.when')}</label>
        <input id="entry-when" type="datetime-local" min="1900-01-01T00:00" max="2100-12-31T23:59" value={state.when} onChange={(e) => update('when', e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="entry-title">{t('editor.titleLabel')}</label>
        <input id="entry-title" type="text" dir="auto" value={state.title} onChange={(e) => update('title', e.target.value)} maxLength={300} aria-describedby="entry-title-hint" autoComplete="off" />
        <p id="entry-title-hint" className="hint">
          {t('editor.titleHint')}
        </p>
      </div>
    </div>
  );
  const who = !people.some((p) => p.archivedAt === null || state.personIds.includes(p.id)) ? (
    <div className="field">
      <p className="label-like">{t('editor.who')}</p>
      <p className="hint">
        {t('editor.noPeopleBefore')} <a href="#/people">{t('editor.noPeopleLink')}</a> {t('editor.noPeopleAfter')}
      </p>
    </div>
  ) : (
    <PeoplePicker people={people} value={state.personIds} onChange={(v) => update('personIds', v)} />
  );
  // Quick log asks for one line; a draft that already has several keeps its text area.
  const oneLine = quick && !state.body.includes('\n');
  const body = (
    <div className="field">
      <label htmlFor="entry-body">{t('editor.body')}</label>
      {oneLine ? (
        <input ref={bodyRef} id="entry-body" type="text" dir="auto" value={state.body} onChange={(e) => update('body', e.target.value)} aria-describedby="entry-body-hint" autoComplete="off" />
      ) : (
        <textarea ref={bodyRef} id="entry-body" dir="auto" rows={8} value={state.body} onChange={(e) => update('body', e.target.value)} aria-describedby="entry-body-hint" />
      )}
      <p id="entry-body-hint" className="hint">
        {oneLine ? t('editor.bodyOneLine') : t('editor.bodyHint')}
      </p>
    </div>
  );
  const attachments = <AttachmentsField ids={state.attachmentIds} update={updateAttachments} dropTarget={formRef} disabled={saving} />;
  const patterns = <PatternPicker tags={tags} value={state.tagIds} onChange={setPatterns} compact={quick} />;
  const balance = <BalanceSlider value={state.balance} onChange={(v) => update('balance', v)} />;
  const ratings = (
    <>
      <ScoreGroup legend={t('score.intensity')} low={t('editor.mild')} high={t('editor.overwhelming')} value={state.intensity} onChange={(n) => update('intensity', n)} />
      <h2 className="section-title">{t('editor.howFelt')}</h2>
      <div className="grid-2">
        <ScoreGroup legend={t('score.heard')} low={t('editor.notAtAll')} high={t('editor.completely')} value={state.heard} onChange={(n) => update('heard', n)} />
        <ScoreGroup legend={t('score.respected')} low={t('editor.notAtAll')} high={t('editor.completely')} value={state.respected} onChange={(n) => update('respected', n)} />
        <ScoreGroup legend={t('score.valued')} low={t('editor.notAtAll')} high={t('editor.completely')} value={state.valued} onChange={(n) => update('valued', n)} />
        <ScoreGroup legend={t('score.involved')} low={t('editor.notAtAll')} high={t('editor.completely')} value={state.involved} onChange={(n) => update('involved', n)} />
      </div>
    </>
  );
  const rest = (
    <>
      <CheckboxGroup
        legend={t('entry.areas')}
        hint={t('editor.areasHint')}
        options={DOMAINS.map((d) => ({ value: d, label: v.domain(d) }))}
        value={state.domains}
        onChange={setDomains}
      />
      <CheckboxGroup
        legend={t('entry.powerSources')}
        hint={t('editor.sourcesHint')}
        options={POWER_SOURCES.map((p) => ({ value: p, label: v.powerSource(p) }))}
        value={state.powerSources}
        onChange={(v) => update('powerSources', v)}
      />
      <div className="field">
        <label htmlFor="entry-outcome">{t('entry.outcome')}</label>
        <textarea id="entry-outcome" dir="auto" rows={3} value={state.outcome} onChange={(e) => update('outcome', e.target.value)} aria-describedby="entry-outcome-hint" />
        <p id="entry-outcome-hint" className="hint">
          {t('editor.outcomeHint')}
        </p>
      </div>
      <fieldset className="flags">
        <legend>{t('editor.flags')}</legend>
        <label className="check">
          <input type="checkbox" checked={state.raiseWithTherapist} onChange={(e) => update('raiseWithTherapist', e.target.checked)} />
          {t('editor.raise')}
        </label>
        <label className="check">
          <input type="checkbox" checked={state.safetyConcern} onChange={(e) => update('safetyConcern', e.target.checked)} />
          {t('entry.safetyConcern')}
        </label>
        {state.safetyConcern && <p className="hint safety">{t('editor.safetyHint')}</p>}
      </fieldset>
    </>
  );

  return (
    <div className="page editor-page">
      <form ref={formRef} onSubmit={submit} onKeyDown={onFormKeyDown} aria-labelledby={titleId} className={quick ? 'editor quick' : 'editor'} noValidate>
        <header className="page-head">
          <h1 id={titleId}>{heading}</h1>
          {quick && <p className="hint">{t('editor.quickHint', { shortcut: `${modKey}+Enter` })}</p>}
        </header>
        {restoredAt !== null && (
          <div role="status" className="notice restored">
            <span>{t('editor.restored', { when: formatDateTime(restoredAt) })}</span>
            <button type="button" className="button small" onClick={() => void discardRestored()}>
              {t('editor.discardDraft')}
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
              <summary>{t('editor.moreDetails')}</summary>
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
              <TemplatePicker body={state.body} onBody={(b) => update('body', b)} showPrompt={!entryId} />
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
              {autosave.failed ? t('query.autosave.failed') : autosave.savedAt ? t('editor.draftSavedAt', { time: formatTime(autosave.savedAt) }) : t('editor.draftsSaved')}
            </span>
            <button type="button" className="button" onClick={cancel} disabled={saving}>
              {t('editor.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={saving} aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}>
              {saving ? t('editor.saving') : t('editor.save')}
            </button>
          </div>
        </footer>
      </form>
      {confirmCancel && (
        <ConfirmDialog
          title={original ? t('editor.discardChanges') : t('editor.discardEntry')}
          message={<p>{original ? t('editor.discardChangesText') : t('editor.discardEntryText')}</p>}
          confirmLabel={t('editor.discard')}
          danger
          onConfirm={async () => discardAndLeave()}
          onClose={() => setConfirmCancel(false)}
        />
      )}
      {confirmFuture !== null && (
        <ConfirmDialog
          title={t('editor.future')}
          message={<p>{t('editor.futureText', { date: formatDate(confirmFuture) })}</p>}
          confirmLabel={t('editor.saveAnyway')}
          cancelLabel={t('editor.changeDate')}
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
