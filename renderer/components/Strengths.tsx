/**
 * Strengths: what a person (or the user themself) brings — the seed's "celebrate each other's
 * strengths". A short list to add to, change and delete from.
 */
import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import type { Strength } from '../../shared/insights.js';
import { call, messageOf } from '../api.js';
import { useToast } from '../lib/session.js';
import { useApi } from '../lib/queries.js';
import { ErrorAlert } from './Feedback.js';
import { useT } from '../i18n/index.js';

export function StrengthsEditor({ personId, name }: { personId: number | null; /** The person's name; omitted for the user's own strengths. */ name?: string }) {
  const toast = useToast();
  const list = useApi('strengths.list', { personId });
  const items = useMemo(() => (list.data ? [...list.data].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id) : null), [list.data]);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (list.error ? messageOf(list.error) : null);
  const inputId = useId();
  const t = useT();

  // A write already invalidates the list; waiting for the reload keeps the form busy until it shows.
  const { refetch } = list;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!draft.trim()) {
      setError(name ? t('strengths.emptyTheirs', { name }) : t('strengths.emptyMine'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('strengths.create', { personId, text: draft });
      setDraft('');
      await reload();
    } catch (err) {
      setError(messageOf(err));
    }
    setBusy(false);
  }

  async function saveEdit(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    if (!editing.text.trim()) {
      setError(t('strengths.emptyEdit'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('strengths.update', { id: editing.id, text: editing.text });
      setEditing(null);
      await reload();
    } catch (err) {
      setError(messageOf(err));
    }
    setBusy(false);
  }

  async function remove(s: Strength) {
    setError(null);
    try {
      await call('strengths.delete', { id: s.id });
      await reload();
      toast.show(t('strengths.deleted'), {
        label: t('strengths.undo'),
        run: async () => {
          await call('strengths.create', { personId, text: s.text });
          await reload();
        },
      });
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div className="stack strengths">
      {items === null ? null : items.length === 0 ? (
        <p className="hint">{name ? t('strengths.noneTheirs', { name }) : t('strengths.noneMine')}</p>
      ) : (
        <ul className="strength-list" aria-label={name ? t('strengths.listTheirs', { name }) : t('strengths.listMine')}>
          {items.map((s) =>
            editing?.id === s.id ? (
              <li key={s.id}>
                <form className="strength-edit" onSubmit={saveEdit}>
                  <label htmlFor={`${inputId}-edit`} className="visually-hidden">
                    {t('strengths.change')}
                  </label>
                  <input id={`${inputId}-edit`} type="text" dir="auto" value={editing.text} maxLength={800} onChange={(e) => setEditing({ id: s.id, text: e.target.value })} autoFocus autoComplete="off" />
                  <button type="submit" className="button small primary" disabled={busy}>
                    {t('strengths.save')}
                  </button>
                  <button type="button" className="button small" onClick={() => setEditing(null)} disabled={busy}>
                    {t('strengths.cancel')}
                  </button>
                </form>
              </li>
            ) : (
              <li key={s.id}>
                <span className="strength-text" dir="auto">
                  {s.text}
                </span>
                <button type="button" className="button small" onClick={() => setEditing({ id: s.id, text: s.text })}>
                  {t('strengths.edit')}
                  <span className="visually-hidden"> {t('strengths.quoted', { text: s.text })}</span>
                </button>
                <button type="button" className="button small subtle" onClick={() => void remove(s)}>
                  {t('strengths.delete')}
                  <span className="visually-hidden"> {t('strengths.quoted', { text: s.text })}</span>
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      <form className="strength-add" onSubmit={add} noValidate>
        <div className="field">
          <label htmlFor={inputId} dir="auto">
            {name ? t('strengths.addTheirs', { name }) : t('strengths.addMine')}
          </label>
          <input id={inputId} type="text" dir="auto" value={draft} maxLength={800} onChange={(e) => setDraft(e.target.value)} autoComplete="off" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('strengths.add')}
        </button>
      </form>
      <ErrorAlert>{error}</ErrorAlert>
    </div>
  );
}
