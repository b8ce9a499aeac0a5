/** The entry editor's controls: all native inputs, grouped with fieldset/legend, each optional. */
import { useId, useMemo, useState } from 'react';
import { CATEGORIES, type Category } from '../../shared/catalogue.js';
import type { Person, Tag } from '../../shared/schemas.js';
import { useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { formatInteger } from '../lib/format.js';
import { POLARITY_SIGN, Swatch, tagColor } from './Chips.js';

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
  const t = useT();
  const shown = props.people.filter((p) => p.archivedAt === null || props.value.includes(p.id));
  return (
    <CheckboxGroup
      legend={t('editor.who')}
      className="people-picker"
      options={shown.map((p) => ({ value: p.id, label: p.name, color: p.color }))}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

export function ScoreGroup(props: { legend: string; low: string; high: string; value: number | null; onChange: (v: number | null) => void }) {
  const t = useT();
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
            <span>{c === null ? t('controls.notRated') : formatInteger(c)}</span>
          </label>
        ))}
      </div>
      <p id={hintId} className="hint scale-hint">
        <span>{t('controls.scale', { value: formatInteger(1), words: props.low })}</span>
        <span>{t('controls.scale', { value: formatInteger(5), words: props.high })}</span>
      </p>
    </fieldset>
  );
}

export function BalanceSlider(props: { value: number | null; onChange: (v: number | null) => void }) {
  const t = useT();
  const v = useVocabulary();
  const id = useId();
  const hintId = useId();
  const words = props.value === null ? t('controls.notRated') : v.balance(props.value);
  const settle = (el: HTMLInputElement) => {
    if (props.value === null) props.onChange(Number(el.value));
  };
  return (
    <div className={props.value === null ? 'field balance unset' : 'field balance'}>
      <div className="balance-head">
        <label htmlFor={id}>{t('entry.balance')}</label>
        <output htmlFor={id} className="balance-words" aria-hidden="true">
          {words}
        </output>
        {/* Before the slider, so Tab from the slider goes on to the next field. */}
        {props.value !== null && (
          <button type="button" className="link-button balance-clear" onClick={() => props.onChange(null)}>
            {t('controls.clearBalance')}
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
        <span>{t('controls.theyFar')}</span>
        <span>{t('balance.balanced')}</span>
        <span>{t('controls.iFar')}</span>
      </div>
      <p id={hintId} className="hint">
        {t('controls.balanceHint')}
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
  const t = useT();
  const v = useVocabulary();
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
      const catMatch = q !== '' && v.category(category).toLocaleLowerCase().includes(q);
      const inCat = visible.filter((t) => t.category === category && (q === '' || catMatch || v.pattern(t).toLocaleLowerCase().includes(q)));
      if (inCat.length === 0) continue;
      const polarities = (['imbalance', 'healthy', 'neutral'] as const)
        .map((polarity) => ({ polarity, tags: inCat.filter((t) => t.polarity === polarity) }))
        .filter((g) => g.tags.length > 0);
      out.push({ category, polarities });
    }
    return out;
  }, [props.tags, props.value, props.compact, q, v]);
  const selected = props.value.map((id) => props.tags.find((t) => t.id === id)).filter((t): t is Tag => Boolean(t));
  const listed = !props.compact || q !== '' || showAll;

  /** The first pattern in the list as shown (its order on screen) that is not chosen yet. */
  function firstMatch(): Tag | undefined {
    for (const g of groups) for (const p of g.polarities) for (const t of p.tags) if (!props.value.includes(t.id) && t.archivedAt === null) return t;
    return undefined;
  }

  const option = (tag: Tag) => (
    <label key={tag.id} className={`pattern-option pattern-${tag.polarity}`}>
      <input type="checkbox" checked={props.value.includes(tag.id)} onChange={(e) => props.onChange(toggle(props.value, tag.id, e.target.checked))} />
      <Swatch color={tagColor(tag)} />
      <span dir="auto">{v.pattern(tag)}</span>
    </label>
  );

  return (
    <fieldset className={props.compact ? 'pattern-picker compact' : 'pattern-picker'}>
      <legend>{t('entry.patterns')}</legend>
      {props.compact && selected.length > 0 && (
        <div className="pattern-options pattern-chosen" role="group" aria-label={t('controls.chosenPatterns')}>
          {selected.map(option)}
        </div>
      )}
      <div className="pattern-tools">
        <label htmlFor={filterId} className="visually-hidden">
          {t('controls.filterPatterns')}
        </label>
        <input
          id={filterId}
          type="search"
          placeholder={t('controls.filterPlaceholder')}
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
              const match = firstMatch();
              if (!match) {
                setAnnounce(t('controls.noneLeft', { text: filter.trim() }));
                return;
              }
              props.onChange(toggle(props.value, match.id, true));
              setFilter('');
              setAnnounce(t('controls.chosen', { pattern: v.pattern(match) }));
            }
          }}
        />
        {props.compact && (
          <button type="button" className="link-button" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
            {showAll ? t('controls.hideList') : t('controls.showAll')}
          </button>
        )}
        <p id={hintId} className="hint legend-key">
          <span className="polarity polarity-imbalance">
            <span className="polarity-sign" aria-hidden="true">
              {POLARITY_SIGN.imbalance}
            </span>{' '}
            {t('controls.imbalance')}
          </span>
          <span className="polarity polarity-healthy">
            <span className="polarity-sign" aria-hidden="true">
              {POLARITY_SIGN.healthy}
            </span>{' '}
            {t('controls.healthy')}
          </span>
          <span>{t('controls.enterChooses')}</span>
        </p>
        <p className="hint" aria-live="polite">
          {announce || t('controls.count', { count: selected.length })}
        </p>
      </div>
      {groups.length === 0 && q !== '' && <p className="hint">{t('controls.noMatch', { text: filter })}</p>}
      {listed && (
        <div className="pattern-categories">
          {groups.map((g) => (
            <div key={g.category} className="pattern-category" role="group" aria-label={v.category(g.category)}>
              <h3 className="pattern-category-title" aria-hidden="true">
                {v.category(g.category)}
              </h3>
              {g.polarities.map((p) => (
                <div key={p.polarity} role="group" aria-label={t('controls.groupLabel', { category: v.category(g.category), polarity: v.polarity(p.polarity).toLocaleLowerCase() })} className={`pattern-polarity pattern-polarity-${p.polarity}`}>
                  <p className="polarity-head" aria-hidden="true">
                    <span className="polarity-sign">{POLARITY_SIGN[p.polarity]}</span> {v.polarity(p.polarity)}
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
