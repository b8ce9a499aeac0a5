import { AREA_PALETTE, PEOPLE_PALETTE } from '../../shared/catalogue.js';

/** Names for the palette swatches, so a colour is never chosen (or announced) by colour alone. */
export const COLOR_NAMES: Record<string, string> = {
  // People
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
  // Pattern areas
  '#AD7B32': 'Ochre',
  '#6687AB': 'Steel blue',
  '#CC4389': 'Raspberry',
  '#2A948A': 'Teal',
  '#CA4C3E': 'Brick',
  '#668547': 'Moss',
  '#9A6AAF': 'Lavender',
  '#B839C6': 'Orchid',
  '#2B942B': 'Leaf green',
  '#AF6A71': 'Dusty rose',
};

export const colorName = (hex: string | null | undefined): string =>
  (hex && COLOR_NAMES[hex.toUpperCase()]) || (hex ? `Colour ${hex}` : 'Default');

/** The choices for a person's colour. */
export const PALETTE_COLORS: readonly string[] = PEOPLE_PALETTE;
/** The choices for a custom pattern's colour: the areas' palette, never a person's colour. */
export const AREA_COLORS: readonly string[] = AREA_PALETTE;

/** The next people-palette colour not yet taken (cycles when all are used). */
export function nextColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toUpperCase()));
  return PEOPLE_PALETTE.find((c) => !taken.has(c)) ?? PEOPLE_PALETTE[used.length % PEOPLE_PALETTE.length]!;
}
