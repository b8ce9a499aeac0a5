/**
 * Quick exit's button (on every screen) and the notice of failed unlock attempts shown after unlock.
 */
import { useState } from 'react';
import { call } from '../api.js';
import { describeAttempts } from '../lib/safety.js';
import { Dialog } from './Dialog.js';

export function QuickExitButton({ onExit, shortcut, corner }: { onExit: () => void; shortcut: string; corner?: boolean }) {
  const button = (
    <button
      type="button"
      className="button quick-exit"
      onClick={onExit}
      title={shortcut === 'Off' ? 'Lock and hide Fulcrum at once' : `Lock and hide Fulcrum at once (${shortcut})`}
    >
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M6 3H3.5A1.5 1.5 0 0 0 2 4.5v7A1.5 1.5 0 0 0 3.5 13H6" />
        <path d="M10 5l3 3-3 3M13 8H6" />
      </svg>
      Quick exit
    </button>
  );
  return corner ? <div className="quick-exit-corner">{button}</div> : button;
}

/** "3 failed attempts to unlock since your last visit: Tue 21:40, …" — dismissing acknowledges them. */
export function FailedAttemptsNotice({ attempts, onDone }: { attempts: number[]; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const dismiss = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await call('safety.acknowledgeFailedAttempts', { upTo: Math.max(...attempts) });
    } catch {
      // Shown again at the next unlock; nothing else is lost.
    }
    onDone();
  };
  return (
    <Dialog title="Failed unlock attempts" onClose={() => void dismiss()}>
      <div className="dialog-body">
        <p>{describeAttempts(attempts)}</p>
        <p className="hint">
          If that was not you, someone may have tried to open your journal. It stayed locked and encrypted. Changing your passphrase and keeping the computer locked when
          you step away can help.
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={() => void dismiss()} disabled={busy} autoFocus>
          Dismiss
        </button>
      </div>
    </Dialog>
  );
}
