/**
 * Guided writing in the editor: a prompt of the day on a new, empty entry, and a choice of templates
 * (built-in, then the writer's own) that fill "What happened" with headings. A template never changes
 * words already written without asking (add below, or replace), and one click undoes it for as long
 * as nothing has been typed since.
 */
import { useEffect, useId, useState } from 'react';
import { useApi } from '../../lib/queries.js';
import type { WritingTemplate } from '../../../shared/writing.js';
import { useT } from '../../i18n/index.js';
import { Dialog } from '../Dialog.js';
import { BUILTIN_TEMPLATES, bodyFromHeadings, withTemplate } from './builtins.js';
import { promptOfTheDay } from './prompts.js';
import './writing.css';

interface Applied {
  name: string;
  before: string;
  after: string;
}

export function TemplatePicker({ body, onBody, showPrompt }: { body: string; onBody: (body: string) => void; showPrompt: boolean }) {
  const t = useT();
  // Guidance is optional: if it cannot load, the editor works as before, without it.
  const ownQuery = useApi('writing.list', {});
  const prefsQuery = useApi('writing.preferences', {});
  const own: WritingTemplate[] = ownQuery.data ?? [];
  const promptOn = prefsQuery.data?.promptOfTheDay ?? false;
  const [chosen, setChosen] = useState('');
  const [asking, setAsking] = useState<{ name: string; text: string } | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  /** The body an undo gave back: "Back to what you had" shows until it changes. */
  const [undone, setUndone] = useState<string | null>(null);
  const selectId = useId();
  const hintId = useId();
  const promptId = useId();

  // Undo is offered only while the body is still exactly what the template made: after more typing,
  // undoing would take those words away.
  useEffect(() => {
    if (applied && body !== applied.after) setApplied(null);
  }, [body, applied]);

  function chosenTemplate(): { name: string; text: string } | null {
    if (chosen.startsWith('b:')) {
      const b = BUILTIN_TEMPLATES.find((x) => x.id === chosen.slice(2));
      return b ? { name: t(b.name), text: bodyFromHeadings(b.headings.map((h) => t(h))) } : null;
    }
    const o = own.find((x) => `o:${x.id}` === chosen);
    return o ? { name: o.name, text: o.body } : null;
  }

  function apply(tpl: { name: string; text: string }, how: 'replace' | 'below') {
    const after = withTemplate(body, tpl.text, how);
    setApplied({ name: tpl.name, before: body, after });
    setUndone(null);
    onBody(after);
  }

  function use() {
    const tpl = chosenTemplate();
    if (!tpl) return;
    if (body.trim() === '') apply(tpl, 'replace');
    else setAsking(tpl);
  }

  const prompt = showPrompt && promptOn && body === '' ? t(promptOfTheDay(new Date())) : null;

  return (
    <div className="writing-guide">
      {prompt && (
        <aside className="prompt-of-day" aria-labelledby={promptId}>
          <p id={promptId} className="prompt-label">
            {t('templates.prompt.label')}
          </p>
          <p className="prompt-text">{prompt}</p>
          <p className="hint">{t('templates.prompt.hint')}</p>
        </aside>
      )}
      <div className="field template-pick">
        <label htmlFor={selectId}>{t('templates.pick.label')}</label>
        <div className="row">
          <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)} aria-describedby={hintId}>
            <option value="">{t('templates.pick.none')}</option>
            <optgroup label={t('templates.pick.builtin')}>
              {BUILTIN_TEMPLATES.map((b) => (
                <option key={b.id} value={`b:${b.id}`}>
                  {t(b.name)}
                </option>
              ))}
            </optgroup>
            {own.length > 0 && (
              <optgroup label={t('templates.pick.own')}>
                {own.map((o) => (
                  <option key={o.id} value={`o:${o.id}`} dir="auto">
                    {o.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <button type="button" className="button" onClick={use} disabled={chosen === ''}>
            {t('templates.pick.use')}
          </button>
        </div>
        <p id={hintId} className="hint">
          {t('templates.pick.hint')} <a href="#/settings">{t('templates.pick.manage')}</a>
        </p>
      </div>
      {(applied || (undone !== null && body === undone)) && (
        <div role="status" className="notice template-applied">
          {applied ? (
            <>
              <span>{t('templates.applied', { name: applied.name })}</span>
              <button
                type="button"
                className="button small"
                onClick={() => {
                  onBody(applied.before);
                  setApplied(null);
                  setUndone(applied.before);
                }}
              >
                {t('templates.undo')}
              </button>
            </>
          ) : (
            <span>{t('templates.undone')}</span>
          )}
        </div>
      )}
      {asking && (
        <Dialog title={t('templates.apply.title')} onClose={() => setAsking(null)}>
          <div className="dialog-body">
            <p>{t('templates.apply.text')}</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setAsking(null)}>
              {t('templates.apply.cancel')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                apply(asking, 'replace');
                setAsking(null);
              }}
            >
              {t('templates.apply.replace')}
            </button>
            <button
              type="button"
              className="button primary"
              autoFocus
              onClick={() => {
                apply(asking, 'below');
                setAsking(null);
              }}
            >
              {t('templates.apply.below')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
