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
import { InsightsPage } from './pages/Insights.js';
import { CheckInFormPage, CheckInsPage } from './pages/CheckIns.js';
import { PersonViewPage } from './pages/PersonView.js';
import { SettingsPage } from './pages/Settings.js';
import { ReportPage } from './pages/Report.js';
import { ReportPrintPage } from './report/PrintPage.js';
import { DataPage } from './pages/DataPage.js';

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
  { path: '/quick', label: 'Quick log', render: () => <EntryEditorPage quick /> },
  { path: '/entry/:id', label: 'Entry', render: (p) => <EntryViewPage id={id(p)} /> },
  { path: '/entry/:id/edit', label: 'Edit entry', render: (p) => <EntryEditorPage entryId={id(p)} /> },
  { path: '/people', label: 'People', nav: 'main', render: () => <PeoplePage /> },
  { path: '/people/:id', label: 'Person', render: (p) => <PersonViewPage id={id(p)} /> },
  { path: '/patterns', label: 'Patterns', nav: 'main', render: () => <PatternsPage /> },
  { path: '/insights', label: 'Insights', nav: 'main', render: () => <InsightsPage /> },
  { path: '/checkins', label: 'Check-ins', nav: 'main', render: () => <CheckInsPage /> },
  { path: '/checkins/:personId', label: 'Check-in', render: (p) => <CheckInFormPage personId={Number(p.personId)} /> },
  { path: '/checkins/:personId/:week', label: 'Check-in', render: (p) => <CheckInFormPage personId={Number(p.personId)} week={p.week} /> },
  { path: '/report', label: 'Report', nav: 'main', render: () => <ReportPage /> },
  { path: '/report/print', label: 'Report preview', render: () => <ReportPrintPage /> },
  { path: '/data', label: 'Your data', nav: 'more', render: () => <DataPage /> },
  { path: '/trash', label: 'Trash', nav: 'more', render: () => <TrashPage /> },
  { path: '/safety', label: 'Safety', nav: 'more', render: () => <SafetyPage /> },
  { path: '/settings', label: 'Settings', nav: 'more', render: () => <SettingsPage /> },
];

export const DEFAULT_PATH = '/timeline';
