/**
 * Browser mode's in-page reminder (the desktop app shows an OS notification instead). Its words are
 * only "Time for your journal" / "Time for a check-in" — no name, tag or content — with Snooze and
 * Dismiss.
 */
import { useEffect, useState } from 'react';
import type { ReminderKind } from '../../shared/insights.js';
import { call, subscribe, transport } from '../api.js';
import { translate, useT, type MessageId, type MessageValues } from '../i18n/index.js';
import { useApi } from '../lib/queries.js';

/** "1 hour", "2 hours", "30 minutes". */
/** "15 minutes", "2 hours", in the interface's language. */
export const snoozeWords = (minutes: number, t: (id: MessageId, values?: MessageValues) => string): string =>
  minutes % 60 === 0 ? t('duration.hours', { hours: minutes / 60 }) : t('duration.minutes', { minutes });

const REMINDER_WORDS: Record<ReminderKind, MessageId> = { journal: 'reminder.journal', checkin: 'reminder.checkin' };

export function ReminderBanner() {
  const t = useT();
  const [shown, setShown] = useState<ReminderKind[]>([]);
  // The snooze length shown on the button: read when a reminder is on screen, and again after Settings change it.
  const settings = useApi('settings.get', {}, { enabled: shown.length > 0 });
  const snoozeMinutes = settings.data?.snoozeMinutes ?? 60;
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
      setAnnounce(translate(REMINDER_WORDS[event.kind]));
    });
  }, []);

  const hide = (kind: ReminderKind) => setShown((list) => list.filter((k) => k !== kind));

  return (
    <>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {shown.map((kind, i) => (
        <section key={kind} className="reminder-banner" aria-label={t('reminder.label')} style={i > 0 ? { top: 16 + i * 76 } : undefined}>
          <p>{t(REMINDER_WORDS[kind])}</p>
          <button
            type="button"
            className="button small"
            onClick={() => {
              hide(kind);
              void call('reminders.snooze', { kind }).catch(() => undefined);
            }}
          >
            {t('reminder.snooze', { duration: snoozeWords(snoozeMinutes, t) })}
          </button>
          <button
            type="button"
            className="button small subtle"
            onClick={() => {
              hide(kind);
              setAnnounce('');
            }}
          >
            {t('reminder.dismiss')}
          </button>
        </section>
      ))}
    </>
  );
}
