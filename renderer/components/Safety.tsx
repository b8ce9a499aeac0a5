/**
 * Quick exit's button (on every screen) and the notice of failed unlock attempts shown after unlock.
 */
import { useState } from 'react';
import { call } from '../api.js';
import { attemptTime } from '../lib/safety.js';
import { useT } from '../i18n/index.js';
import { Dialog } from './Dialog.js';

export function QuickExitButton({ onExit, shortcut, corner }: { onExit: () => void; shortcut: string; corner?: boolean }) {
  const t = useT();
  const button = (
    <button
      type="button"
      className="button quick-exit"
      onClick={onExit}
      title={shortcut === 'Off' ? t('quickExit.title') : t('quickExit.titleWithShortcut', { shortcut })}
    >
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M6 3H3.5A1.5 1.5 0 0 0 2 4.5v7A1.5 1.5 0 0 0 3.5 13H6" />
        <path d="M10 5l3 3-3 3M13 8H6" />
      </svg>
      {t('quickExit.button')}
    </button>
  );
  return corner ? <div className="quick-exit-corner">{button}</div> : button;
}

/** "3 failed attempts to unlock since your last visit: Tue 21:40, …" — dismissing acknowledges them. */
export function FailedAttemptsNotice({ attempts, onDone }: { attempts: number[]; onDone: () => void }) {
  const t = useT();
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
    <Dialog title={t('attempts.title')} onClose={() => void dismiss()}>
      <div className="dialog-body">
        <p>{t('attempts.summary', { count: attempts.length, times: attempts.slice(0, 5).map((a) => attemptTime(a)).join(', '), more: Math.max(0, attempts.length - 5) })}</p>
        <p className="hint">{t('attempts.advice')}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={() => void dismiss()} disabled={busy} autoFocus>
          {t('attempts.dismiss')}
        </button>
      </div>
    </Dialog>
  );
}
