/**
 * Guided writing: the writer's own entry templates and the prompt-of-the-day preference. The built-in
 * templates and the prompts are words of the interface (renderer/components/writing), not stored.
 */
import { z } from 'zod';
import { Id, LIMITS } from './schemas.js';

/** The most templates a journal keeps: a reorder names every one of them. */
export const MAX_WRITING_TEMPLATES = 200;
/** A template's body: headings and prompts, not an entry; a long entry's worth is plenty. */
export const WRITING_TEMPLATE_BODY_MAX = LIMITS.note;

const noNul = (s: string) => !s.includes('\u0000');
const templateName = z
  .string()
  .max(LIMITS.name)
  .refine(noNul, 'contains a NUL byte')
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'must not be empty'));
/** Kept as written (new lines and spacing are the template's structure), but not blank. */
const templateBody = z
  .string()
  .max(WRITING_TEMPLATE_BODY_MAX)
  .refine(noNul, 'contains a NUL byte')
  .refine((s) => s.trim().length > 0, 'must not be empty');

export const WritingTemplateInput = z.object({ name: templateName, body: templateBody }).strict();
export type WritingTemplateInput = z.input<typeof WritingTemplateInput>;

export const WritingTemplateUpdate = z
  .object({ id: Id, name: templateName.optional(), body: templateBody.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.body !== undefined, 'nothing to change');

/** Every template's id, once each, in the new order. */
export const WritingTemplateOrder = z
  .object({ ids: z.array(Id).max(MAX_WRITING_TEMPLATES) })
  .strict()
  .refine((v) => new Set(v.ids).size === v.ids.length, 'an id is named twice');

export interface WritingTemplate {
  id: number;
  name: string;
  body: string;
  /** 0 for the first in the writer's order. */
  position: number;
  createdAt: number;
  updatedAt: number;
}

export const WritingPreferences = z.object({ promptOfTheDay: z.boolean() }).strict();
export type WritingPreferences = z.output<typeof WritingPreferences>;
export const WRITING_PREFERENCES_DEFAULTS: WritingPreferences = { promptOfTheDay: true };
export const WritingPreferencesPatch = WritingPreferences.partial().strict();
