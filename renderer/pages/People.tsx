import { useState, type FormEvent } from 'react';
import { PERSON_KIND_LABELS, PERSON_KINDS, type PersonKind } from '../../shared/catalogue.js';
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

  const active = people.filter((p) => p.archivedAt === null);
  const archived = people.filter((p) => p.archivedAt !== null);
  const shown = showArchived ? [...active, ...archived] : active;

  async function setArchived(p: Person, archived: boolean) {
    setError(null);
    try {
      await call('people.update', { id: p.id, patch: { archived } });
      await reloadPeople();
      toast.show(archived ? `${p.name} archived. Their entries are kept.` : `${p.name} is back in your people list.`);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <div className="page">
      <header className="page-head">
        <h1>People</h1>
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          Add person
        </button>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {!loaded ? (
        <Loading />
      ) : people.length === 0 ? (
        <EmptyState
          title="No people yet"
          action={
            <button type="button" className="button primary" onClick={() => setEditing('new')}>
              Add your first person
            </button>
          }
        >
          <p>Add the people you want to reflect on — a partner, a parent, a manager, a friend. You can link each entry to them, and see over time how the balance between you shifts.</p>
          <p>A first name, a nickname or an initial is enough. Only you can see this list.</p>
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
                    {PERSON_KIND_LABELS[p.kind]}
                    {p.archivedAt ? ' · archived' : ''}
                  </span>
                  {p.notes && (
                    <span className="person-notes" dir="auto">
                      {p.notes}
                    </span>
                  )}
                </div>
                <div className="row-actions">
                  <button type="button" className="button small" onClick={() => setEditing(p)}>
                    Edit<span className="visually-hidden"> {p.name}</span>
                  </button>
                  <button type="button" className="button small subtle" onClick={() => void setArchived(p, p.archivedAt === null)}>
                    {p.archivedAt === null ? 'Archive' : 'Unarchive'}
                    <span className="visually-hidden"> {p.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {archived.length > 0 && (
            <label className="check">
              <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
              Show archived people ({archived.length})
            </label>
          )}
          {active.length === 0 && !showArchived && <p className="hint">Everyone is archived. Tick “Show archived people” to see them.</p>}
        </>
      )}
      {loaded && (
        <section className="page-section" aria-labelledby="you-heading">
          <h2 id="you-heading">You</h2>
          <p className="hint">What you bring — to your relationships, your work, yourself. Worth remembering on the hard days.</p>
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
            toast.show(created ? `${p.name} added.` : 'Changes saved.');
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

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give this person a name — a first name, nickname or initial is enough.');
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
    <Dialog title={p ? `Edit ${p.name}` : 'Add a person'} onClose={props.onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor="person-name">Name</label>
          <input id="person-name" type="text" dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="off" autoFocus />
        </div>
        <div className="field">
          <label htmlFor="person-kind">Relationship</label>
          <select id="person-kind" value={kind} onChange={(e) => setKind(e.target.value as PersonKind)}>
            {PERSON_KINDS.map((k) => (
              <option key={k} value={k}>
                {PERSON_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <ColorPicker legend="Colour" value={color} onChange={(c) => c && setColor(c)} />
        <div className="field">
          <label htmlFor="person-notes">Notes</label>
          <textarea id="person-notes" dir="auto" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} aria-describedby="person-notes-hint" />
          <p id="person-notes-hint" className="hint">
            Optional.
          </p>
        </div>
        <ErrorAlert>{error}</ErrorAlert>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : p ? 'Save changes' : 'Save person'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
