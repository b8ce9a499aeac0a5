// @vitest-environment happy-dom
/**
 * The whole-history check on the Safety page while it runs: its progress, and stopping it. A check the
 * person stopped says so calmly (it is not an error); one stopped by anything else is shown as one.
 * Leaving the page does not lose a running check.
 */
import { createElement } from 'react';
import { IntlProvider } from 'react-intl';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import type { LedgerStatus } from '../../shared/ledger.js';

const api = vi.hoisted(() => ({
  call: vi.fn<(channel: string, input: unknown) => Promise<unknown>>(),
  listeners: [] as ((e: AppEvent) => void)[],
}));
vi.mock('../../renderer/api.js', async (original) => ({
  ...(await original<typeof import('../../renderer/api.js')>()),
  call: api.call,
  subscribe: (l: (e: AppEvent) => void) => {
    api.listeners.push(l);
    return () => api.listeners.splice(api.listeners.indexOf(l), 1);
  },
}));
const status: LedgerStatus = { revisions: 10_000, head: null, lastCheck: null };
vi.mock('../../renderer/lib/queries.js', () => ({
  useApi: (channel: string) => ({ data: channel === 'ledger.status' ? status : [], error: null }),
}));

const { ApiError } = await import('../../renderer/api.js');
const { HistoryCheckSection } = await import('../../renderer/components/HistoryCheck.js');
const { CATALOGUES, translateIn } = await import('../../renderer/i18n/translate.js');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(cleanup);

let finish: { resolve: (v: unknown) => void; reject: (e: unknown) => void };
beforeEach(() => {
  api.listeners.length = 0;
  api.call.mockReset();
  api.call.mockImplementation((channel) => {
    if (channel === 'ledger.verify') return new Promise((resolve, reject) => (finish = { resolve, reject }));
    if (channel === 'ledger.stopCheck') return Promise.resolve({ stopped: true });
    return Promise.resolve(null);
  });
});

const page = () => render(createElement(IntlProvider, { locale: 'en', messages: CATALOGUES.en, defaultLocale: 'en' }, createElement(HistoryCheckSection)));

function start() {
  page();
  fireEvent.click(screen.getByRole('button', { name: translateIn('en', 'data.ledger.checkAll') }));
  act(() => {
    for (const l of api.listeners) l({ type: 'progress', task: 'history', phase: 'revisions', done: 4000, total: 10_000 });
  });
}

describe('the whole-history check while it runs', () => {
  it('shows how far it has got, and a check the person stops ends calmly, without an error', async () => {
    start();
    expect(screen.getByText(/Checking revisions: 4,000 of 10,000/)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: translateIn('en', 'data.ledger.progress') })).toHaveProperty('value', 4000);

    fireEvent.click(screen.getByRole('button', { name: translateIn('en', 'data.ledger.stop') }));
    expect(api.call).toHaveBeenCalledWith('ledger.stopCheck', {});
    await act(async () => finish.reject(new ApiError('CANCELLED', 'The check was stopped.')));

    expect(screen.getByText(translateIn('en', 'data.ledger.stopped'))).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows a check stopped by something else (a lock) as an error', async () => {
    start();
    await act(async () => finish.reject(new ApiError('CANCELLED', 'This was stopped because the journal was locked.')));
    expect(screen.queryByText(translateIn('en', 'data.ledger.stopped'))).toBeNull();
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  it('still shows a running check after the page is left and opened again, and does not start a second', async () => {
    start();
    cleanup();
    page();
    expect(screen.getByText(/Checking revisions: 4,000 of 10,000/)).toBeTruthy();
    const checkAll = screen.getByRole('button', { name: translateIn('en', 'data.ledger.checkAll') });
    expect(checkAll).toHaveProperty('disabled', true);
    fireEvent.click(checkAll);
    expect(api.call.mock.calls.filter(([channel]) => channel === 'ledger.verify')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: translateIn('en', 'data.ledger.stop') }));
    await act(async () => finish.reject(new ApiError('CANCELLED', 'The check was stopped.')));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: translateIn('en', 'data.ledger.checkAll') })).toHaveProperty('disabled', false);
  });
});
