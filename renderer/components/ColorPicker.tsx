import { useId } from 'react';
import { colorName, PALETTE_COLORS } from '../lib/palette.js';

/** A palette as a radio group: each swatch is a real radio button named by its colour. */
export function ColorPicker(props: {
  legend: string;
  value: string | null;
  onChange: (color: string | null) => void;
  /** Offer "use the category colour" (null) as the first choice. */
  defaultLabel?: string;
  defaultColor?: string;
  /** The colours offered (default: people's palette). */
  colors?: readonly string[];
}) {
  const name = useId();
  const palette = props.colors ?? PALETTE_COLORS;
  // A colour chosen from an older palette stays on offer, so opening the dialog never changes it.
  const kept = props.value !== null && !palette.some((c) => c.toUpperCase() === props.value!.toUpperCase()) ? [props.value] : [];
  const options: (string | null)[] = [...(props.defaultLabel ? [null] : []), ...palette, ...kept];
  return (
    <fieldset className="color-picker">
      <legend>{props.legend}</legend>
      <div className="swatches">
        {options.map((c) => {
          const label = c === null ? props.defaultLabel! : colorName(c);
          const shown = c ?? props.defaultColor ?? '#999999';
          return (
            <label key={c ?? 'default'} className="swatch-option" title={label}>
              <input
                type="radio"
                name={name}
                className="overlay-input"
                checked={props.value === c || (props.value !== null && c !== null && props.value.toUpperCase() === c.toUpperCase())}
                onChange={() => props.onChange(c)}
              />
              <span className={c === null ? 'swatch-big swatch-default' : 'swatch-big'} style={{ backgroundColor: shown }} aria-hidden="true" />
              <span className="visually-hidden">{label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
