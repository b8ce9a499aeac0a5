/**
 * The Insights page: the range picker, bar size, people/areas filter and the charts. Each chart is a
 * region named by its title, with a one-line summary, a drawing (SVG marks) and a "Show as table"
 * disclosure. Marks carry what they count as data-* attributes (count, from, to, series).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type RangeChoice = '7 days' | '30 days' | '90 days' | '1 year' | 'All time' | 'Custom';
export type ChartTitle =
  | 'Patterns over time'
  | 'Balance of power'
  | 'How it felt'
  | 'Healthy share'
  | 'Top patterns'
  | 'Calendar'
  | 'Areas of life'
  | 'People compared'
  | 'Check-ins';

export const ALL_CHARTS: readonly ChartTitle[] = [
  'Patterns over time',
  'Balance of power',
  'How it felt',
  'Healthy share',
  'Top patterns',
  'Calendar',
  'Areas of life',
  'People compared',
  'Check-ins',
];

/** What the drawn marks of each chart are (bars, points, areas, day squares). */
const MARKS: Record<ChartTitle, string> = {
  'Patterns over time': 'svg .chart-mark path',
  'Balance of power': 'svg .chart-point',
  'How it felt': 'svg .chart-point',
  'Healthy share': 'svg .recharts-area-area',
  'Top patterns': 'svg rect',
  Calendar: 'svg.heat-map .heat-cell',
  'Areas of life': 'svg .chart-mark path',
  'People compared': 'svg .chart-mark path',
  'Check-ins': 'svg .chart-point',
};

export interface Mark {
  count: number;
  from: string;
  to: string;
  series: string;
  locator: Locator;
}

export class Insights {
  readonly heading: Locator;
  readonly controls: Locator;
  readonly bucket: Locator;
  readonly filters: Locator;
  readonly checkInAnswer: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Insights', level: 1 });
    this.controls = page.getByRole('search', { name: 'Choose what to chart' });
    this.bucket = this.controls.getByRole('combobox', { name: 'Bar size' });
    this.filters = this.controls.getByText(/^Filter by people and areas/);
    this.checkInAnswer = page.getByRole('combobox', { name: 'Answer' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights', exact: true }).click();
    await expect(this.heading).toBeVisible();
    await this.settled();
  }

  /** Waits until the charts show the current choice (no request in flight). */
  async settled(): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: /^Charts show / })).toBeAttached();
  }

  range(choice: RangeChoice): Locator {
    return this.controls.getByRole('group', { name: 'Range' }).getByRole('radio', { name: choice, exact: true });
  }

  async chooseRange(choice: RangeChoice): Promise<void> {
    await this.range(choice).check();
    await this.settled();
  }

  async customRange(from: string, to: string): Promise<void> {
    await this.range('Custom').check();
    await this.controls.getByLabel('From', { exact: true }).fill(from);
    await this.controls.getByLabel('To', { exact: true }).fill(to);
    await this.settled();
  }

  private async openFilters(): Promise<void> {
    const details = this.controls.locator('details.insights-filters');
    if ((await details.getAttribute('open')) === null) await this.filters.click();
  }

  /** Ticks (or unticks) a person in the People filter. */
  async filterPerson(name: string, on = true): Promise<void> {
    await this.openFilters();
    await this.controls.getByRole('group', { name: 'People' }).getByRole('checkbox', { name, exact: true }).setChecked(on);
    await this.settled();
  }

  async filterArea(label: string, on = true): Promise<void> {
    await this.openFilters();
    await this.controls.getByRole('group', { name: 'Areas' }).getByRole('checkbox', { name: label, exact: true }).setChecked(on);
    await this.settled();
  }

  chart(title: ChartTitle): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  summary(title: ChartTitle): Locator {
    return this.chart(title).locator('p.chart-summary');
  }

  marks(title: ChartTitle): Locator {
    return this.chart(title).locator(MARKS[title]);
  }

  /** The marks that count entries (bars, points, days), with what each stands for. */
  async countedMarks(title: ChartTitle): Promise<Mark[]> {
    const marks = this.chart(title).locator('[data-count]');
    const n = await marks.count();
    const out: Mark[] = [];
    for (let i = 0; i < n; i++) {
      const m = marks.nth(i);
      const [count, from, to, series] = await Promise.all(['data-count', 'data-from', 'data-to', 'data-series'].map((a) => m.getAttribute(a)));
      if (Number(count) > 0) out.push({ count: Number(count), from: from!, to: to!, series: series!, locator: m });
    }
    return out;
  }

  /** Opens "Show as table" and returns the table. */
  async table(title: ChartTitle): Promise<Locator> {
    const chart = this.chart(title);
    const toggle = chart.getByText('Show as table');
    if (await toggle.isVisible()) {
      if ((await chart.locator('details.chart-table').getAttribute('open')) === null) await toggle.click();
    }
    return chart.getByRole('table');
  }
}
