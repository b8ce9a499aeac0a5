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

const TITLES: Record<Exclude<BridgeState, { status: 'ready' }>['status'], string> = {
  'link-used': 'This link has been used',
  'missing-token': 'Open Fulcrum from its link',
  unreachable: 'Fulcrum is not running',
};

export function LinkScreen({ state }: { state: Exclude<BridgeState, { status: 'ready' }> }) {
  return (
    <div className="gate">
      <QuickExitButton onExit={() => void leaveToNeutralPage()} shortcut={describeShortcut(DEFAULT_QUICK_EXIT, isMac)} corner />
      <main className="gate-card">
        <h1>{TITLES[state.status]}</h1>
        <p>{state.message}</p>
      </main>
    </div>
  );
}
