import { useState, type FormEvent } from 'react';
import { PERSON_KINDS, type PersonKind } from '../../shared/catalogue.js';
import { useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import type { Person } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { Swatch } from '../components/Chips.js';
import { ColorPicker } from '../components/ColorPicker.js';
import { Dialog } from '../components/Dialog.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { StrengthsEditor } from '../components/Strengths.js';
import { nextColor } from '../lib/palette.js';
import { useJournalData, useToast } from '../lib/session.js';
import '../styles/insights.css';

export function PeoplePage() {
  const { people, loaded, reloadPeople } = useJournalData();
  const toast = useToast();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  const words = useVocabulary();

  const active = people.filter((p) => p.archivedAt === null);
  const archived = people.filter((p) => p.archivedAt !== null);
  const shown = showArchived ? [...active, ...archived] : active;

  async function setArchived(p: Person, archived: boolean) {
    setError(null);
    try {
      await call('people.update', { id: p.id, patch: { archived } });
      await reloadPeople();
      toast.show(archived ? t('people.archived', { name: p.name }) : t('people.unarchived', { name: p.name }));
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('people.title')}</h1>
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          {t('people.add')}
        </button>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {!loaded ? (
        <Loading />
      ) : people.length === 0 ? (
        <EmptyState
          title={t('people.emptyTitle')}
          action={
            <button type="button" className="button primary" onClick={() => setEditing('new')}>
              {t('people.addFirst')}
            </button>
          }
        >
          <p>{t('people.emptyText')}</p>
          <p>{t('people.emptyPrivate')}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="person-list">
            {shown.map((p) => (
              <li key={p.id} className={p.archivedAt ? 'person-row archived' : 'person-row'}>
                <Swatch color={p.color} />
                <div className="person-main">
                  <a className="person-name person-link" href={`#/people/${p.id}`} dir="auto">
                    {p.name}
                  </a>
                  <span className="person-kind">
                    {words.personKind(p.kind)}
                    {p.archivedAt ? ` · ${t('people.archivedMark')}` : ''}
                  </span>
                  {p.notes && (
                    <span className="person-notes" dir="auto">
                      {p.notes}
                    </span>
                  )}
                </div>
                <div className="row-actions">
                  <button type="button" className="button small" onClick={() => setEditing(p)}>
                    {t('people.edit')}
                    <span className="visually-hidden"> {p.name}</span>
                  </button>
                  <button type="button" className="button small subtle" onClick={() => void setArchived(p, p.archivedAt === null)}>
                    {p.archivedAt === null ? t('people.archive') : t('people.unarchive')}
                    <span className="visually-hidden"> {p.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {archived.length > 0 && (
            <label className="check">
              <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
              {t('people.showArchived', { count: archived.length })}
            </label>
          )}
          {active.length === 0 && !showArchived && <p className="hint">{t('people.allArchived')}</p>}
        </>
      )}
      {loaded && (
        <section className="page-section" aria-labelledby="you-heading">
          <h2 id="you-heading">{t('people.you')}</h2>
          <p className="hint">{t('people.youHint')}</p>
          <StrengthsEditor personId={null} />
        </section>
      )}
      {editing && (
        <PersonDialog
          person={editing === 'new' ? null : editing}
          defaultColor={nextColor(people.map((p) => p.color))}
          onClose={() => setEditing(null)}
          onSaved={async (p, created) => {
            await reloadPeople();
            setEditing(null);
            toast.show(created ? t('people.added', { name: p.name }) : t('people.saved'));
          }}
        />
      )}
    </div>
  );
}

export function PersonDialog(props: { person: Person | null; defaultColor: string; onClose: () => void; onSaved: (p: Person, created: boolean) => Promise<void> }) {
  const p = props.person;
  const [name, setName] = useState(p?.name ?? '');
  const [kind, setKind] = useState<PersonKind>(p?.kind ?? 'romantic');
  const [color, setColor] = useState<string>(p?.color ?? props.defaultColor);
  const [notes, setNotes] = useState(p?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  const words = useVocabulary();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('people.nameMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = p ? await call('people.update', { id: p.id, patch: { name, kind, color, notes } }) : await call('people.create', { name, kind, color, notes });
      await props.onSaved(saved, !p);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={p ? t('people.editTitle', { name: p.name }) : t('people.addTitle')} onClose={props.onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor="person-name">{t('people.name')}</label>
          <input id="person-name" type="text" dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="off" autoFocus />
        </div>
        <div className="field">
          <label htmlFor="person-kind">{t('people.kind')}</label>
          <select id="person-kind" value={kind} onChange={(e) => setKind(e.target.value as PersonKind)}>
            {PERSON_KINDS.map((k) => (
              <option key={k} value={k}>
                {words.personKind(k)}
              </option>
            ))}
          </select>
        </div>
        <ColorPicker legend={t('people.colour')} value={color} onChange={(c) => c && setColor(c)} />
        <div className="field">
          <label htmlFor="person-notes">{t('people.notes')}</label>
          <textarea id="person-notes" dir="auto" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} aria-describedby="person-notes-hint" />
          <p id="person-notes-hint" className="hint">
            {t('people.optional')}
          </p>
        </div>
        <ErrorAlert>{error}</ErrorAlert>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            {t('people.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('people.saving') : p ? t('people.saveChanges') : t('people.savePerson')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
