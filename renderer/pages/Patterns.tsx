import { useState, type FormEvent } from 'react';
import { CATEGORIES, CATEGORY_COLORS, CATEGORY_DESCRIPTIONS, CATEGORY_LABELS, POLARITIES, type Category, type Polarity } from '../../shared/catalogue.js';
import type { Tag } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { POLARITY_SIGN, POLARITY_WORD, PolarityMark, Swatch, tagColor } from '../components/Chips.js';
import { ColorPicker } from '../components/ColorPicker.js';
import { AREA_COLORS } from '../lib/palette.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { useJournalData, useToast } from '../lib/session.js';

type DialogState = { kind: 'new' } | { kind: 'edit'; tag: Tag } | { kind: 'merge'; tag: Tag } | null;

export function PatternsPage() {
  const { tags, loaded, reloadTags } = useJournalData();
  const toast = useToast();
  const [showArchived, setShowArchived] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [error, setError] = useState<string | null>(null);
  const archivedCount = tags.filter((t) => t.archivedAt !== null).length;

  async function setArchived(t: Tag, archived: boolean) {
    setError(null);
    try {
      await call('tags.update', { id: t.id, patch: { archived } });
      await reloadTags();
      toast.show(archived ? `“${t.label}” archived. Entries that use it keep it.` : `“${t.label}” is back in the picker.`);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const done = async (message: string) => {
    await reloadTags();
    setDialog(null);
    toast.show(message);
  };

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>Patterns</h1>
          <p className="hint">
            The patterns you can tag entries with, by area. <span aria-hidden="true">{POLARITY_SIGN.imbalance}</span> marks an imbalance, <span aria-hidden="true">{POLARITY_SIGN.healthy}</span> a healthy
            counterpart.
          </p>
        </div>
        <button type="button" className="button primary" onClick={() => setDialog({ kind: 'new' })}>
          New pattern
        </button>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {archivedCount > 0 && (
        <label className="check">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          Show archived patterns ({archivedCount})
        </label>
      )}
      {!loaded ? (
        <Loading />
      ) : (
        CATEGORIES.map((c) => {
          const inCat = tags.filter((t) => t.category === c && (showArchived || t.archivedAt === null));
          if (inCat.length === 0) return null;
          return (
            <section key={c} className="pattern-section" aria-labelledby={`cat-${c}`}>
              <h2 id={`cat-${c}`}>
                <Swatch color={CATEGORY_COLORS[c]} /> {CATEGORY_LABELS[c]}
              </h2>
              <p className="hint">{CATEGORY_DESCRIPTIONS[c]}</p>
              <ul className="tag-list">
                {inCat.map((t) => (
                  <li key={t.id} className={t.archivedAt ? 'tag-row archived' : 'tag-row'}>
                    <Swatch color={tagColor(t)} />
                    <span className="tag-label">
                      <bdi dir="auto">{t.label}</bdi>
                      {!t.builtin && <span className="badge">Custom</span>}
                      {t.archivedAt && <span className="badge">Archived</span>}
                    </span>
                    <PolarityMark polarity={t.polarity} withWord />
                    <span className="row-actions">
                      <button type="button" className="button small" onClick={() => setDialog({ kind: 'edit', tag: t })}>
                        Edit<span className="visually-hidden"> {t.label}</span>
                      </button>
                      <button type="button" className="button small subtle" onClick={() => setDialog({ kind: 'merge', tag: t })}>
                        Merge<span className="visually-hidden"> {t.label}</span>
                      </button>
                      <button type="button" className="button small subtle" onClick={() => void setArchived(t, t.archivedAt === null)}>
                        {t.archivedAt ? 'Unarchive' : 'Archive'}
                        <span className="visually-hidden"> {t.label}</span>
                      </button>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })
      )}
      {dialog?.kind === 'new' && <TagDialog tag={null} onClose={() => setDialog(null)} onSaved={(t) => done(`“${t.label}” added.`)} />}
      {dialog?.kind === 'edit' && <TagDialog tag={dialog.tag} onClose={() => setDialog(null)} onSaved={() => done('Changes saved.')} />}
      {dialog?.kind === 'merge' && <MergeDialog tag={dialog.tag} tags={tags} onClose={() => setDialog(null)} onMerged={(into) => done(`“${dialog.tag.label}” merged into “${into.label}”.`)} />}
    </div>
  );
}

function TagDialog(props: { tag: Tag | null; onClose: () => void; onSaved: (t: Tag) => Promise<void> }) {
  const t = props.tag;
  const [label, setLabel] = useState(t?.label ?? '');
  const [polarity, setPolarity] = useState<Polarity>(t?.polarity ?? 'imbalance');
  const [category, setCategory] = useState<Category>(t?.category ?? 'other');
  const [color, setColor] = useState<string | null>(t?.color ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Built-in patterns keep their meaning (category and kind) so reports stay comparable.
  const fixedMeaning = Boolean(t?.builtin);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!label.trim()) {
      setError('Give the pattern a short name, like “Plans changed without asking”.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = t
        ? await call('tags.update', { id: t.id, patch: fixedMeaning ? { label, color } : { label, color, polarity, category } })
        : await call('tags.create', { label, polarity, category, ...(color ? { color } : {}) });
      await props.onSaved(saved);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t ? `Edit “${t.label}”` : 'New pattern'} onClose={props.onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor="tag-label">Name</label>
          <input id="tag-label" type="text" dir="auto" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} autoComplete="off" autoFocus />
        </div>
        {!fixedMeaning && (
          <div className="grid-2">
            <div className="field">
              <label htmlFor="tag-polarity">Kind of pattern</label>
              <select id="tag-polarity" value={polarity} onChange={(e) => setPolarity(e.target.value as Polarity)}>
                {POLARITIES.map((p) => (
                  <option key={p} value={p}>
                    {POLARITY_SIGN[p]} {POLARITY_WORD[p]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="tag-category">Category</label>
              <select id="tag-category" value={category} onChange={(e) => setCategory(e.target.value as Category)}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_LABELS[c]}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        {fixedMeaning && t && (
          <p className="hint">
            Built-in pattern: {CATEGORY_LABELS[t.category]}, {POLARITY_WORD[t.polarity].toLowerCase()}. You can rename and recolour it.
          </p>
        )}
        <ColorPicker legend="Colour" value={color} onChange={setColor} defaultLabel="Default colour" defaultColor={CATEGORY_COLORS[category]} colors={AREA_COLORS} />
        <ErrorAlert>{error}</ErrorAlert>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : t ? 'Save changes' : 'Save pattern'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function MergeDialog(props: { tag: Tag; tags: readonly Tag[]; onClose: () => void; onMerged: (into: Tag) => Promise<void> }) {
  const others = props.tags.filter((t) => t.id !== props.tag.id && t.archivedAt === null);
  const [into, setInto] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = others.find((t) => String(t.id) === into);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target) {
      setError('Choose the pattern to merge into.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('tags.merge', { from: props.tag.id, into: target.id });
      await props.onMerged(target);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Merge “${props.tag.label}”`} onClose={props.onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <p>Every entry tagged “{props.tag.label}” will be tagged with the pattern you choose instead, and “{props.tag.label}” will be removed. This cannot be undone.</p>
        <div className="field">
          <label htmlFor="merge-into">Merge into</label>
          <select id="merge-into" value={into} onChange={(e) => setInto(e.target.value)} autoFocus>
            <option value="">Choose a pattern…</option>
            {CATEGORIES.map((c) => {
              const inCat = others.filter((t) => t.category === c);
              if (inCat.length === 0) return null;
              return (
                <optgroup key={c} label={CATEGORY_LABELS[c]}>
                  {inCat.map((t) => (
                    <option key={t.id} value={String(t.id)}>
                      {t.label}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </div>
        {target && target.polarity !== props.tag.polarity && (
          <p className="notice">
            Note: “{props.tag.label}” is {POLARITY_WORD[props.tag.polarity].toLowerCase()} and “{target.label}” is {POLARITY_WORD[target.polarity].toLowerCase()}.
          </p>
        )}
        <ErrorAlert>{error}</ErrorAlert>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={busy || !target}>
            {busy ? 'Merging…' : 'Merge'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
