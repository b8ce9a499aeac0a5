/**
 * Browser mode's in-page reminder (the desktop app shows an OS notification instead). Its words are
 * only "Time for your journal" / "Time for a check-in" — no name, tag or content — with Snooze and
 * Dismiss.
 */
import { useEffect, useState } from 'react';
import { REMINDER_TEXT, type ReminderKind } from '../../shared/insights.js';
import { call, subscribe, transport } from '../api.js';

/** "1 hour", "2 hours", "30 minutes". */
export const snoozeWords = (minutes: number): string =>
  minutes % 60 === 0 ? `${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'}` : `${minutes} minutes`;

export function ReminderBanner() {
  const [shown, setShown] = useState<ReminderKind[]>([]);
  const [snoozeMinutes, setSnoozeMinutes] = useState(60);
  const [announce, setAnnounce] = useState('');

  useEffect(() => {
    let browser = false;
    try {
      browser = transport() === 'browser';
    } catch {
      browser = false;
    }
    if (!browser) return;
    return subscribe((event) => {
      if (event.type !== 'reminder') return;
      setShown((list) => (list.includes(event.kind) ? list : [...list, event.kind]));
      setAnnounce(REMINDER_TEXT[event.kind]);
      call('settings.get', {})
        .then((s) => setSnoozeMinutes(s.snoozeMinutes))
        .catch(() => undefined);
    });
  }, []);

  const hide = (kind: ReminderKind) => setShown((list) => list.filter((k) => k !== kind));

  return (
    <>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {shown.map((kind, i) => (
        <section key={kind} className="reminder-banner" aria-label="Reminder" style={i > 0 ? { top: 16 + i * 76 } : undefined}>
          <p>{REMINDER_TEXT[kind]}</p>
          <button
            type="button"
            className="button small"
            onClick={() => {
              hide(kind);
              void call('reminders.snooze', { kind }).catch(() => undefined);
            }}
          >
            Snooze {snoozeWords(snoozeMinutes)}
          </button>
          <button
            type="button"
            className="button small subtle"
            onClick={() => {
              hide(kind);
              setAnnounce('');
            }}
          >
            Dismiss
          </button>
        </section>
      ))}
    </>
  );
}
