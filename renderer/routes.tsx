/**
 * Every page of the unlocked app. Adding a page is one line here: `nav` puts it in the sidebar
 * ('main' = the journal, 'more' = the lower group), in this order.
 */
import type { ReactNode } from 'react';
import { TimelinePage } from './pages/Timeline.js';
import { EntryEditorPage } from './pages/EntryEditor.js';
import { EntryViewPage } from './pages/EntryView.js';
import { PeoplePage } from './pages/People.js';
import { PatternsPage } from './pages/Patterns.js';
import { TrashPage } from './pages/Trash.js';
import { SafetyPage } from './pages/Safety.js';

export interface RouteDef {
  path: string;
  label: string;
  nav?: 'main' | 'more';
  render: (params: Record<string, string>) => ReactNode;
}

const id = (p: Record<string, string>) => Number(p.id);

export const ROUTES: readonly RouteDef[] = [
  { path: '/timeline', label: 'Timeline', nav: 'main', render: () => <TimelinePage /> },
  { path: '/new', label: 'New entry', render: () => <EntryEditorPage /> },
  { path: '/entry/:id', label: 'Entry', render: (p) => <EntryViewPage id={id(p)} /> },
  { path: '/entry/:id/edit', label: 'Edit entry', render: (p) => <EntryEditorPage entryId={id(p)} /> },
  { path: '/people', label: 'People', nav: 'main', render: () => <PeoplePage /> },
  { path: '/patterns', label: 'Patterns', nav: 'main', render: () => <PatternsPage /> },
  // Insights, Check-ins, Report and Settings go here, one line each.
  { path: '/trash', label: 'Trash', nav: 'more', render: () => <TrashPage /> },
  { path: '/safety', label: 'Safety', nav: 'more', render: () => <SafetyPage /> },
];

export const DEFAULT_PATH = '/timeline';
