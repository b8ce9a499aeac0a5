/**
 * Settings → Guided writing: the prompt of the day on or off, and the writer's own templates (add,
 * edit, move up or down, delete). Everything here is kept inside the encrypted journal.
 */
import { useCallback, useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { WRITING_TEMPLATE_BODY_MAX, type WritingTemplate } from '../../../shared/writing.js';
import { LIMITS } from '../../../shared/schemas.js';
import { call, messageOf } from '../../api.js';
import { useT } from '../../i18n/index.js';
import { useToast } from '../../lib/session.js';
import { queryKey, useApi } from '../../lib/queries.js';
import { ConfirmDialog } from '../Dialog.js';
import { ErrorAlert, Loading } from '../Feedback.js';
import './writing.css';

export function WritingSettings() {
  const t = useT();
  const toast = useToast();
  const queryClient = useQueryClient();
  const prefs = useApi('writing.preferences', {});
  const templates = useApi('writing.list', {});
  // The switch moves at once; what was saved replaces it when the answer comes.
  const [promptChoice, setPromptOn] = useState<boolean | null>(null);
  const promptOn = promptChoice ?? prefs.data?.promptOfTheDay ?? null;
  const list = templates.data ?? null;
  /** Shows a list the back end just returned (every write also loads it again). */
  const setList = useCallback(
    (next: WritingTemplate[] | ((l: WritingTemplate[] | null) => WritingTemplate[])) =>
      queryClient.setQueryData<WritingTemplate[]>(queryKey('writing.list', {}), (l) => (typeof next === 'function' ? next(l ?? null) : next)),
    [queryClient],
  );
  const [editing, setEditing] = useState<WritingTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<WritingTemplate | null>(null);
  const [actionError, setError] = useState<string | null>(null);
  const loadError = prefs.error ?? templates.error;
  const error = actionError ?? (loadError ? messageOf(loadError) : null);
  const [busy, setBusy] = useState(false);
  const promptId = useId();

  async function togglePrompt(on: boolean) {
    setError(null);
    setPromptOn(on);
    try {
      const p = await call('writing.setPreferences', { promptOfTheDay: on });
      setPromptOn(p.promptOfTheDay);
      toast.show(p.promptOfTheDay ? t('templates.settings.promptOn') : t('templates.settings.promptOff'));
    } catch (e) {
      setPromptOn(!on);
      setError(messageOf(e));
    }
  }

  async function move(index: number, by: -1 | 1) {
    if (!list || busy) return;
    const ids = list.map((x) => x.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    setBusy(true);
    setError(null);
    try {
      setList(await call('writing.reorder', { ids }));
    } catch (e) {
      setError(messageOf(e));
      // The list may be out of date: show what is saved.
      await call('writing.list', {}).then(setList, () => undefined);
    }
    setBusy(false);
  }

  return (
    <section className="settings-section" aria-labelledby="writing-heading">
      <h2 id="writing-heading">{t('templates.settings.heading')}</h2>
      {promptOn === null || list === null ? (
        error ? <ErrorAlert>{error}</ErrorAlert> : <Loading />
      ) : (
        <>
          <label className="check" htmlFor={promptId}>
            <input id={promptId} type="checkbox" checked={promptOn} onChange={(e) => void togglePrompt(e.target.checked)} />
            {t('templates.settings.prompt')}
          </label>
          <h3 id="own-templates-heading">{t('templates.settings.own')}</h3>
          <p className="hint">{t('templates.settings.ownHint')}</p>
          {list.length === 0 ? (
            <p>{t('templates.settings.empty')}</p>
          ) : (
            <ul className="writing-templates" aria-labelledby="own-templates-heading">
              {list.map((tpl, i) => (
                <li key={tpl.id}>
                  <span className="template-name" dir="auto">
                    {tpl.name}
                  </span>
                  <span className="actions">
                    <button type="button" className="button small" onClick={() => setEditing(tpl)} aria-label={t('templates.settings.edit', { name: tpl.name })}>
                      {t('templates.settings.editShort')}
                    </button>
                    <button type="button" className="button small" disabled={busy || i === 0} onClick={() => void move(i, -1)} aria-label={t('templates.settings.up', { name: tpl.name })}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button small"
                      disabled={busy || i === list.length - 1}
                      onClick={() => void move(i, 1)}
                      aria-label={t('templates.settings.down', { name: tpl.name })}
                    >
                      ↓
                    </button>
                    <button type="button" className="button small danger" onClick={() => setDeleting(tpl)} aria-label={t('templates.settings.delete', { name: tpl.name })}>
                      {t('templates.settings.deleteShort')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <ErrorAlert>{error}</ErrorAlert>
          {editing ? (
            <TemplateForm
              key={editing === 'new' ? 'new' : editing.id}
              template={editing === 'new' ? null : editing}
              onCancel={() => setEditing(null)}
              onSaved={(saved) => {
                setList((l) => (l ? (l.some((x) => x.id === saved.id) ? l.map((x) => (x.id === saved.id ? saved : x)) : [...l, saved]) : [saved]));
                setEditing(null);
                toast.show(t('templates.settings.saved'));
              }}
            />
          ) : (
            <div className="row">
              <button type="button" className="button" onClick={() => setEditing('new')}>
                {t('templates.settings.add')}
              </button>
            </div>
          )}
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('templates.settings.deleteTitle')}
          message={<p>{t('templates.settings.deleteText', { name: deleting.name })}</p>}
          confirmLabel={t('templates.settings.deleteConfirm')}
          danger
          onConfirm={async () => {
            await call('writing.delete', { id: deleting.id });
            setList(await call('writing.list', {}));
            if (editing !== 'new' && editing?.id === deleting.id) setEditing(null);
            toast.show(t('templates.settings.deleted'));
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function TemplateForm({ template, onCancel, onSaved }: { template: WritingTemplate | null; onCancel: () => void; onSaved: (t: WritingTemplate) => void }) {
  const t = useT();
  const [name, setName] = useState(template?.name ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const nameId = useId();
  const bodyId = useId();

  async function save(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '') return setError(t('templates.settings.needName'));
    if (body.trim() === '') return setError(t('templates.settings.needBody'));
    setBusy(true);
    setError(null);
    try {
      onSaved(template ? await call('writing.update', { id: template.id, name, body }) : await call('writing.create', { name, body }));
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <form className="template-form" onSubmit={save} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{template ? t('templates.settings.editHeading', { name: template.name }) : t('templates.settings.newHeading')}</h3>
      <div className="field">
        <label htmlFor={nameId}>{t('templates.settings.name')}</label>
        <input id={nameId} type="text" dir="auto" value={name} maxLength={LIMITS.name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={bodyId}>{t('templates.settings.body')}</label>
        <textarea id={bodyId} dir="auto" rows={6} value={body} maxLength={WRITING_TEMPLATE_BODY_MAX} onChange={(e) => setBody(e.target.value)} aria-describedby={`${bodyId}-hint`} />
        <p id={`${bodyId}-hint`} className="hint">
          {t('templates.settings.bodyHint')}
        </p>
      </div>
      <ErrorAlert>{error}</ErrorAlert>
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {t('templates.settings.save')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t('templates.settings.cancel')}
        </button>
      </div>
    </form>
  );
}
