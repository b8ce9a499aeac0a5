/**
 * Page models for the browser-mode journeys: `new Fulcrum(page)` gives one model per screen, each
 * finding things by role and label the way a person (and a screen reader) would.
 */
import type { Page } from '@playwright/test';
import { EntryEditor } from './editor.js';
import { EntryView, Trash } from './entry.js';
import { Gate } from './gate.js';
import { Patterns } from './patterns.js';
import { People } from './people.js';
import { Shell } from './shell.js';
import { Timeline } from './timeline.js';

export { EntryEditor, type EntryFields, type Rating } from './editor.js';
export { EntryView, Trash } from './entry.js';
export { Gate } from './gate.js';
export { Patterns, type PatternFields } from './patterns.js';
export { People, type PersonFields, type Relationship } from './people.js';
export { Shell, type Section } from './shell.js';
export { Timeline } from './timeline.js';
export { ALL_CHARTS, Insights, type ChartTitle, type Mark, type RangeChoice } from './insights.js';
export { CheckInForm, CheckIns, OwnStrengths, PersonView, ReminderBanner, Settings, type Question } from './checkins.js';

export class Fulcrum {
  readonly gate: Gate;
  readonly shell: Shell;
  readonly timeline: Timeline;
  readonly editor: EntryEditor;
  readonly entry: EntryView;
  readonly trash: Trash;
  readonly people: People;
  readonly patterns: Patterns;

  constructor(readonly page: Page) {
    this.gate = new Gate(page);
    this.shell = new Shell(page);
    this.timeline = new Timeline(page);
    this.editor = new EntryEditor(page);
    this.entry = new EntryView(page);
    this.trash = new Trash(page);
    this.people = new People(page);
    this.patterns = new Patterns(page);
  }
}
export { SafetyPage } from './safety.js';
