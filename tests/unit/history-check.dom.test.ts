// @vitest-environment happy-dom
/**
 * The history check's failures on screen: core sends a code per failing revision and the screen
 * words it in the person's language (never core's English sentence); a check recorded before codes
 * existed reads as "does not check out" in that language too.
 */
import { createElement } from 'react';
import { IntlProvider } from 'react-intl';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckLine } from '../../renderer/components/HistoryCheck.js';
import { CATALOGUES, translateIn } from '../../renderer/i18n/translate.js';
import type { LedgerCheck } from '../../shared/ledger.js';
import type { Language } from '../../shared/locales.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(cleanup);

const failed: LedgerCheck = {
  kind: 'full',
  at: Date.UTC(2026, 0, 5, 9, 30),
  revisions: 12,
  ok: false,
  failures: [
    { seq: 4, type: 'entry', itemId: 2, rev: 1, code: 'content-changed', problem: 'Its content was changed after it was saved.' },
    { seq: 12, type: '', itemId: 0, rev: 0, code: 'newest-missing', problem: 'The newest revisions the journal recorded are not in the history.' },
  ],
};

function show(language: Language, check: LedgerCheck): HTMLElement {
  render(createElement(IntlProvider, { locale: language, messages: CATALOGUES[language], defaultLocale: 'en' }, createElement(CheckLine, { check })));
  return screen.getByRole('alert');
}

describe('history check failures in the person’s language', () => {
  it('words each failure from its code, in German, with no English sentence from core', () => {
    const alert = show('de', failed);
    const items = alert.querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain(translateIn('de', 'data.ledger.why.content-changed'));
    expect(items[1]!.textContent).toContain(translateIn('de', 'data.ledger.why.newest-missing'));
    expect(alert.textContent).not.toContain('changed after it was saved');
  });

  it('reads a failure recorded without a code as "does not check out", in Arabic', () => {
    const old = { ...failed, failures: [{ ...failed.failures[0]!, code: undefined as never }] };
    const alert = show('ar', old);
    expect(alert.textContent).toContain(translateIn('ar', 'data.ledger.why.unknown'));
    expect(alert.textContent).not.toContain('Its content');
  });
});
