/**
 * What browser mode shows when the page could not open a session: the link was already used (a
 * reload, or the link opened again), there was no link at all, or the host did not answer. A calm
 * card that says what happened and the one thing to do; nothing to retry here, because a used link
 * can never work again.
 */
import { DEFAULT_QUICK_EXIT, describeShortcut } from '../../shared/safety.js';
import { isMac } from '../lib/hooks.js';
import { leaveToNeutralPage } from '../lib/safety.js';
import { QuickExitButton } from './Safety.js';
import type { BridgeState } from '../transport/index.js';

import { useT, type MessageId } from '../i18n/index.js';

const WORDS: Record<Exclude<BridgeState, { status: 'ready' }>['status'], [MessageId, MessageId]> = {
  'link-used': ['link.used.title', 'link.used.text'],
  'missing-token': ['link.missing.title', 'link.missing.text'],
  unreachable: ['link.unreachable.title', 'link.unreachable.text'],
};

export function LinkScreen({ state }: { state: Exclude<BridgeState, { status: 'ready' }> }) {
  const t = useT();
  const [title, text] = WORDS[state.status];
  return (
    <div className="gate">
      <QuickExitButton onExit={() => void leaveToNeutralPage()} shortcut={describeShortcut(DEFAULT_QUICK_EXIT, isMac)} corner />
      <main className="gate-card">
        <h1>{t(title)}</h1>
        <p>{t(text)}</p>
      </main>
    </div>
  );
}
