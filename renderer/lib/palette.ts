import { PALETTE } from '../../shared/catalogue.js';

/** Names for the palette swatches, so a colour is never chosen (or announced) by colour alone. */
export const COLOR_NAMES: Record<string, string> = {
  '#E69F00': 'Orange',
  '#56B4E9': 'Sky blue',
  '#009E73': 'Green',
  '#F0E442': 'Yellow',
  '#0072B2': 'Blue',
  '#D55E00': 'Vermilion',
  '#CC79A7': 'Pink',
  '#000000': 'Black',
  '#999999': 'Grey',
  '#6A3D9A': 'Purple',
};

export const colorName = (hex: string | null | undefined): string =>
  (hex && COLOR_NAMES[hex.toUpperCase()]) || (hex ? `Colour ${hex}` : 'Default');

export const PALETTE_COLORS: readonly string[] = PALETTE;

/** The next palette colour not yet taken (cycles when all are used). */
export function nextColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toUpperCase()));
  return PALETTE.find((c) => !taken.has(c)) ?? PALETTE[used.length % PALETTE.length]!;
}
