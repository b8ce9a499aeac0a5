/**
 * Every page of the unlocked app. Adding a page is one line here: `nav` puts it in the sidebar
 * ('main' = the journal, 'more' = the lower group), in this order.
 */
import type { ReactNode } from 'react';
import type { MessageId } from './i18n/index.js';
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
  /** The page's name in the navigation (a message id). */
  label: MessageId;
  nav?: 'main' | 'more';
  render: (params: Record<string, string>) => ReactNode;
}

const id = (p: Record<string, string>) => Number(p.id);

export const ROUTES: readonly RouteDef[] = [
  { path: '/timeline', label: 'nav.timeline', nav: 'main', render: () => <TimelinePage /> },
  { path: '/new', label: 'nav.newEntry', render: () => <EntryEditorPage /> },
  { path: '/quick', label: 'nav.quickLog', render: () => <EntryEditorPage quick /> },
  { path: '/entry/:id', label: 'nav.entry', render: (p) => <EntryViewPage id={id(p)} /> },
  { path: '/entry/:id/edit', label: 'nav.editEntry', render: (p) => <EntryEditorPage entryId={id(p)} /> },
  { path: '/people', label: 'nav.people', nav: 'main', render: () => <PeoplePage /> },
  { path: '/people/:id', label: 'nav.person', render: (p) => <PersonViewPage id={id(p)} /> },
  { path: '/patterns', label: 'nav.patterns', nav: 'main', render: () => <PatternsPage /> },
  { path: '/insights', label: 'nav.insights', nav: 'main', render: () => <InsightsPage /> },
  { path: '/checkins', label: 'nav.checkins', nav: 'main', render: () => <CheckInsPage /> },
  { path: '/checkins/:personId', label: 'nav.checkin', render: (p) => <CheckInFormPage personId={Number(p.personId)} /> },
  { path: '/checkins/:personId/:week', label: 'nav.checkin', render: (p) => <CheckInFormPage personId={Number(p.personId)} week={p.week} /> },
  { path: '/report', label: 'nav.report', nav: 'main', render: () => <ReportPage /> },
  { path: '/report/print', label: 'nav.reportPreview', render: () => <ReportPrintPage /> },
  { path: '/data', label: 'nav.data', nav: 'more', render: () => <DataPage /> },
  { path: '/trash', label: 'nav.trash', nav: 'more', render: () => <TrashPage /> },
  { path: '/safety', label: 'nav.safety', nav: 'more', render: () => <SafetyPage /> },
  { path: '/settings', label: 'nav.settings', nav: 'more', render: () => <SettingsPage /> },
];

export const DEFAULT_PATH = '/timeline';
