/** The entry editor's controls: all native inputs, grouped with fieldset/legend, each optional. */
import { useId, useMemo, useState } from 'react';
import { BALANCE_LABELS, CATEGORIES, CATEGORY_LABELS, type Category } from '../../shared/catalogue.js';
import type { Person, Tag } from '../../shared/schemas.js';
import { POLARITY_SIGN, POLARITY_WORD, Swatch, tagColor } from './Chips.js';

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}

export function CheckboxGroup<T extends string | number>(props: {
  legend: string;
  hint?: string;
  options: readonly { value: T; label: string; color?: string }[];
  value: readonly T[];
  onChange: (v: T[]) => void;
  className?: string;
}) {
  const hintId = useId();
  return (
    <fieldset className={`checkbox-group ${props.className ?? ''}`} aria-describedby={props.hint ? hintId : undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      <div className="options">
        {props.options.map((o) => (
          <label key={String(o.value)} className="option">
            <input type="checkbox" checked={props.value.includes(o.value)} onChange={(e) => props.onChange(toggle(props.value, o.value, e.target.checked))} />
            {o.color && <Swatch color={o.color} />}
            <span dir="auto">{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function PeoplePicker(props: { people: readonly Person[]; value: readonly number[]; onChange: (ids: number[]) => void }) {
  // Archived people stay hidden unless this entry already names them.
  const shown = props.people.filter((p) => p.archivedAt === null || props.value.includes(p.id));
  return (
    <CheckboxGroup
      legend="Who was involved"
      className="people-picker"
      options={shown.map((p) => ({ value: p.id, label: p.name, color: p.color }))}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

export function ScoreGroup(props: { legend: string; low: string; high: string; value: number | null; onChange: (v: number | null) => void }) {
  const name = useId();
  const legendId = useId();
  const hintId = useId();
  const choices: (number | null)[] = [1, 2, 3, 4, 5, null];
  return (
    <fieldset className="score-group" role="radiogroup" aria-labelledby={legendId} aria-describedby={hintId}>
      <legend id={legendId}>{props.legend}</legend>
      <div className="segments">
        {choices.map((c) => (
          <label key={c ?? 'none'} className={c === null ? 'segment segment-none' : 'segment'}>
            <input type="radio" name={name} className="overlay-input" checked={props.value === c} onChange={() => props.onChange(c)} />
            <span>{c === null ? 'Not rated' : c}</span>
          </label>
        ))}
      </div>
      <p id={hintId} className="hint scale-hint">
        <span>1 = {props.low}</span>
        <span>5 = {props.high}</span>
      </p>
    </fieldset>
  );
}

export function BalanceSlider(props: { value: number | null; onChange: (v: number | null) => void }) {
  const id = useId();
  const hintId = useId();
  const words = props.value === null ? 'Not rated' : BALANCE_LABELS[props.value]!;
  const settle = (el: HTMLInputElement) => {
    if (props.value === null) props.onChange(Number(el.value));
  };
  return (
    <div className={props.value === null ? 'field balance unset' : 'field balance'}>
      <div className="balance-head">
        <label htmlFor={id}>Balance of power</label>
        <output htmlFor={id} className="balance-words" aria-hidden="true">
          {words}
        </output>
        {/* Before the slider, so Tab from the slider goes on to the next field. */}
        {props.value !== null && (
          <button type="button" className="link-button balance-clear" onClick={() => props.onChange(null)}>
            Clear balance
          </button>
        )}
      </div>
      <input
        id={id}
        type="range"
        min={-3}
        max={3}
        step={1}
        value={props.value ?? 0}
        aria-valuetext={words}
        aria-describedby={hintId}
        onChange={(e) => props.onChange(Number(e.target.value))}
        onClick={(e) => settle(e.currentTarget)}
        onKeyDown={(e) => {
          // Unrated, the thumb rests on "Balanced" and moving to where it already is fires no change:
          // Enter or Space chooses "Balanced" for keyboard users (arrows choose a side as usual).
          if (props.value === null && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            props.onChange(0);
          }
        }}
      />
      <div className="balance-ends" aria-hidden="true">
        <span>They held far more</span>
        <span>Balanced</span>
        <span>I held far more</span>
      </div>
      <p id={hintId} className="hint">
        Who held more power in this moment? Leave it as “not rated” if you are unsure (Enter chooses “Balanced”).
      </p>
    </div>
  );
}

/**
 * Pattern tags grouped by category, imbalance and healthy apart (sign and word), with a filter box.
 * Enter in the filter ticks the first match not yet chosen and clears the filter for the next one.
 * `compact` (quick log): the list shows only while filtering, or when asked for; the chosen
 * patterns stay listed (to untick) above the filter.
 */
export function PatternPicker(props: { tags: readonly Tag[]; value: readonly number[]; onChange: (ids: number[]) => void; compact?: boolean }) {
  const [filter, setFilter] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [announce, setAnnounce] = useState('');
  const filterId = useId();
  const hintId = useId();
  const q = filter.trim().toLowerCase();
  const groups = useMemo(() => {
    // Compact, the chosen ones are listed apart above the filter, so not again here.
    const visible = props.tags.filter((t) => (t.archivedAt === null || props.value.includes(t.id)) && !(props.compact && props.value.includes(t.id)));
    const out: { category: Category; polarities: { polarity: Tag['polarity']; tags: Tag[] }[] }[] = [];
    for (const category of CATEGORIES) {
      const catMatch = q !== '' && CATEGORY_LABELS[category].toLowerCase().includes(q);
      const inCat = visible.filter((t) => t.category === category && (q === '' || catMatch || t.label.toLowerCase().includes(q)));
      if (inCat.length === 0) continue;
      const polarities = (['imbalance', 'healthy', 'neutral'] as const)
        .map((polarity) => ({ polarity, tags: inCat.filter((t) => t.polarity === polarity) }))
        .filter((g) => g.tags.length > 0);
      out.push({ category, polarities });
    }
    return out;
  }, [props.tags, props.value, props.compact, q]);
  const selected = props.value.map((id) => props.tags.find((t) => t.id === id)).filter((t): t is Tag => Boolean(t));
  const listed = !props.compact || q !== '' || showAll;

  /** The first pattern in the list as shown (its order on screen) that is not chosen yet. */
  function firstMatch(): Tag | undefined {
    for (const g of groups) for (const p of g.polarities) for (const t of p.tags) if (!props.value.includes(t.id) && t.archivedAt === null) return t;
    return undefined;
  }

  const option = (t: Tag) => (
    <label key={t.id} className={`pattern-option pattern-${t.polarity}`}>
      <input type="checkbox" checked={props.value.includes(t.id)} onChange={(e) => props.onChange(toggle(props.value, t.id, e.target.checked))} />
      <Swatch color={tagColor(t)} />
      <span dir="auto">{t.label}</span>
    </label>
  );

  return (
    <fieldset className={props.compact ? 'pattern-picker compact' : 'pattern-picker'}>
      <legend>Patterns</legend>
      {props.compact && selected.length > 0 && (
        <div className="pattern-options pattern-chosen" role="group" aria-label="Chosen patterns">
          {selected.map(option)}
        </div>
      )}
      <div className="pattern-tools">
        <label htmlFor={filterId} className="visually-hidden">
          Filter patterns
        </label>
        <input
          id={filterId}
          type="search"
          placeholder="Type to filter patterns…"
          value={filter}
          aria-describedby={hintId}
          onChange={(e) => {
            setFilter(e.target.value);
            setAnnounce('');
          }}
          onKeyDown={(e) => {
            // Escape clears the filter instead of leaving the page.
            if (e.key === 'Escape' && filter) {
              e.preventDefault();
              setFilter('');
            }
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey) {
              // Never submits the entry from here: Enter picks the first match, ready for the next.
              e.preventDefault();
              if (q === '') return;
              const t = firstMatch();
              if (!t) {
                setAnnounce(`No pattern left to choose matches “${filter.trim()}”.`);
                return;
              }
              props.onChange(toggle(props.value, t.id, true));
              setFilter('');
              setAnnounce(`Chosen: ${t.label}.`);
            }
          }}
        />
        {props.compact && (
          <button type="button" className="link-button" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
            {showAll ? 'Hide the list' : 'Show all patterns'}
          </button>
        )}
        <p id={hintId} className="hint legend-key">
          <span className="polarity polarity-imbalance">
            <span className="polarity-sign" aria-hidden="true">
              {POLARITY_SIGN.imbalance}
            </span>{' '}
            imbalance
          </span>
          <span className="polarity polarity-healthy">
            <span className="polarity-sign" aria-hidden="true">
              {POLARITY_SIGN.healthy}
            </span>{' '}
            healthy
          </span>
          <span>Enter chooses the first match.</span>
        </p>
        <p className="hint" aria-live="polite">
          {announce || (selected.length === 0 ? 'None chosen' : `${selected.length} chosen`)}
        </p>
      </div>
      {groups.length === 0 && q !== '' && <p className="hint">No pattern matches “{filter}”. You can add your own on the Patterns page.</p>}
      {listed && (
        <div className="pattern-categories">
          {groups.map((g) => (
            <div key={g.category} className="pattern-category" role="group" aria-label={CATEGORY_LABELS[g.category]}>
              <h3 className="pattern-category-title" aria-hidden="true">
                {CATEGORY_LABELS[g.category]}
              </h3>
              {g.polarities.map((p) => (
                <div key={p.polarity} role="group" aria-label={`${CATEGORY_LABELS[g.category]}: ${POLARITY_WORD[p.polarity].toLowerCase()}`} className={`pattern-polarity pattern-polarity-${p.polarity}`}>
                  <p className="polarity-head" aria-hidden="true">
                    <span className="polarity-sign">{POLARITY_SIGN[p.polarity]}</span> {POLARITY_WORD[p.polarity]}
                  </p>
                  <div className="pattern-options">{p.tags.map(option)}</div>
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
