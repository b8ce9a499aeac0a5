import { z } from 'zod';

/**
 * The languages Fulcrum speaks. The catalogues live in renderer/i18n; this list is shared because the
 * chosen language is a preference kept outside the journal (it must be known on the unlock screen).
 */
export const LANGUAGES = ['en', 'es', 'de', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const Language = z.enum(LANGUAGES);

/** 'system' follows the operating system's languages (navigator.languages), the default. */
export const LanguageChoice = z.enum(['system', ...LANGUAGES]);
export type LanguageChoice = z.infer<typeof LanguageChoice>;

/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['ar']);

/**
 * The first of the person's languages Fulcrum speaks ('es-MX' → 'es', 'ar-EG' → 'ar'), else English.
 * `preferred` is navigator.languages (most preferred first).
 */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const hit = LANGUAGES.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}

export const resolveLanguage = (choice: LanguageChoice, preferred: readonly string[]): Language => (choice === 'system' ? matchLanguage(preferred) : choice);
