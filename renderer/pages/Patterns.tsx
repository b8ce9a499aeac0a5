import { useState, type FormEvent } from 'react';
import { CATEGORIES, CATEGORY_COLORS, POLARITIES, type Category, type Polarity } from '../../shared/catalogue.js';
import { useIntl } from 'react-intl';
import { midSentence } from '../charts/format.js';
import { useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import type { Tag } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { POLARITY_SIGN, PolarityMark, Swatch, tagColor } from '../components/Chips.js';
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
  const tr = useT();
  const intl = useIntl();
  const words = useVocabulary();
  const archivedCount = tags.filter((t) => t.archivedAt !== null).length;

  async function setArchived(t: Tag, archived: boolean) {
    setError(null);
    try {
      await call('tags.update', { id: t.id, patch: { archived } });
      await reloadTags();
      toast.show(archived ? tr('patterns.archived', { label: words.pattern(t) }) : tr('patterns.unarchived', { label: words.pattern(t) }));
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
          <h1>{tr('patterns.title')}</h1>
          <p className="hint">
            {intl.formatMessage(
              { id: 'patterns.intro' },
              { imbalance: <span aria-hidden="true">{POLARITY_SIGN.imbalance}</span>, healthy: <span aria-hidden="true">{POLARITY_SIGN.healthy}</span> },
            )}
          </p>
        </div>
        <button type="button" className="button primary" onClick={() => setDialog({ kind: 'new' })}>
          {tr('patterns.new')}
        </button>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {archivedCount > 0 && (
        <label className="check">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          {tr('patterns.showArchived', { count: archivedCount })}
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
                <Swatch color={CATEGORY_COLORS[c]} /> {words.category(c)}
              </h2>
              <p className="hint">{words.categoryAbout(c)}</p>
              <ul className="tag-list">
                {inCat.map((t) => (
                  <li key={t.id} className={t.archivedAt ? 'tag-row archived' : 'tag-row'}>
                    <Swatch color={tagColor(t)} />
                    <span className="tag-label">
                      <bdi dir="auto">{words.pattern(t)}</bdi>
                      {!t.builtin && <span className="badge">{tr('patterns.custom')}</span>}
                      {t.archivedAt && <span className="badge">{tr('patterns.archivedBadge')}</span>}
                    </span>
                    <PolarityMark polarity={t.polarity} withWord />
                    <span className="row-actions">
                      <button type="button" className="button small" onClick={() => setDialog({ kind: 'edit', tag: t })}>
                        {tr('patterns.edit')}
                        <span className="visually-hidden"> {words.pattern(t)}</span>
                      </button>
                      <button type="button" className="button small subtle" onClick={() => setDialog({ kind: 'merge', tag: t })}>
                        {tr('patterns.merge')}
                        <span className="visually-hidden"> {words.pattern(t)}</span>
                      </button>
                      <button type="button" className="button small subtle" onClick={() => void setArchived(t, t.archivedAt === null)}>
                        {t.archivedAt ? tr('patterns.unarchive') : tr('patterns.archive')}
                        <span className="visually-hidden"> {words.pattern(t)}</span>
                      </button>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })
      )}
      {dialog?.kind === 'new' && <TagDialog tag={null} onClose={() => setDialog(null)} onSaved={(t) => done(tr('patterns.added', { label: words.pattern(t) }))} />}
      {dialog?.kind === 'edit' && <TagDialog tag={dialog.tag} onClose={() => setDialog(null)} onSaved={() => done(tr('patterns.saved'))} />}
      {dialog?.kind === 'merge' && <MergeDialog tag={dialog.tag} tags={tags} onClose={() => setDialog(null)} onMerged={(into) => done(tr('patterns.merged', { from: words.pattern(dialog.tag), into: words.pattern(into) }))} />}
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
  const tr = useT();
  const words = useVocabulary();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!label.trim()) {
      setError(tr('patterns.nameMissing'));
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
    <Dialog title={t ? tr('patterns.editTitle', { label: words.pattern(t) }) : tr('patterns.new')} onClose={props.onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor="tag-label">{tr('patterns.name')}</label>
          <input id="tag-label" type="text" dir="auto" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} autoComplete="off" autoFocus />
        </div>
        {!fixedMeaning && (
          <div className="grid-2">
            <div className="field">
              <label htmlFor="tag-polarity">{tr('patterns.kind')}</label>
              <select id="tag-polarity" value={polarity} onChange={(e) => setPolarity(e.target.value as Polarity)}>
                {POLARITIES.map((p) => (
                  <option key={p} value={p}>
                    {POLARITY_SIGN[p]} {words.polarity(p)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="tag-category">{tr('patterns.category')}</label>
              <select id="tag-category" value={category} onChange={(e) => setCategory(e.target.value as Category)}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {words.category(c)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        {fixedMeaning && t && (
          <p className="hint">
            {tr('patterns.builtin', { category: words.category(t.category), polarity: midSentence(words.polarity(t.polarity)) })}
          </p>
        )}
        <ColorPicker legend={tr('patterns.colour')} value={color} onChange={setColor} defaultLabel={tr('patterns.defaultColour')} defaultColor={CATEGORY_COLORS[category]} colors={AREA_COLORS} />
        <ErrorAlert>{error}</ErrorAlert>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            {tr('patterns.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? tr('patterns.saving') : t ? tr('patterns.saveChanges') : tr('patterns.savePattern')}
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
  const tr = useT();
  const words = useVocabulary();
  const from = words.pattern(props.tag);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target) {
      setError(tr('patterns.chooseTarget'));
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
    <Dialog title={tr('patterns.mergeTitle', { label: from })} onClose={props.onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <p>{tr('patterns.mergeText', { label: from })}</p>
        <div className="field">
          <label htmlFor="merge-into">{tr('patterns.mergeInto')}</label>
          <select id="merge-into" value={into} onChange={(e) => setInto(e.target.value)} autoFocus>
            <option value="">{tr('patterns.choose')}</option>
            {CATEGORIES.map((c) => {
              const inCat = others.filter((t) => t.category === c);
              if (inCat.length === 0) return null;
              return (
                <optgroup key={c} label={words.category(c)}>
                  {inCat.map((t) => (
                    <option key={t.id} value={String(t.id)}>
                      {words.pattern(t)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </div>
        {target && target.polarity !== props.tag.polarity && (
          <p className="notice">
            {tr('patterns.mergeNote', { from, fromKind: midSentence(words.polarity(props.tag.polarity)), into: words.pattern(target), intoKind: midSentence(words.polarity(target.polarity)) })}
          </p>
        )}
        <ErrorAlert>{error}</ErrorAlert>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            {tr('patterns.cancel')}
          </button>
          <button type="submit" className="button danger" disabled={busy || !target}>
            {busy ? tr('patterns.merging') : tr('patterns.merge')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
