/**
 * Settings kept inside the journal: reminder schedules and the first day of the week.
 * Sectioned, so other features can add their own section. Nothing here goes to the OS preferences
 * store: even a reminder schedule says something about the person.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { REMINDER_TEXT, type ReminderStatus, type Settings } from '../../shared/insights.js';
import { call, messageOf } from '../api.js';
import { CheckboxGroup } from '../components/EditorControls.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { snoozeWords } from '../components/ReminderBanner.js';
import { useToast } from '../lib/session.js';
import { formatDateTime } from '../lib/format.js';
import '../styles/insights.css';

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const SNOOZES = [15, 30, 60, 120, 240] as const;

function nextWords(at: number | null): string {
  if (at === null) return 'off';
  return formatDateTime(at, undefined, { weekday: true });
}

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<ReminderStatus[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reloadStatus = () =>
    call('reminders.status', {})
      .then(setStatus)
      .catch(() => setStatus([]));
  useEffect(() => {
    call('settings.get', {})
      .then(setSettings)
      .catch((e) => setError(messageOf(e)));
    void reloadStatus();
  }, []);

  return (
    <div className="page settings-page">
      <header className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="hint">Kept inside your encrypted journal.</p>
        </div>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {!settings ? (
        !error && <Loading />
      ) : (
        <>
          <RemindersSection
            settings={settings}
            status={status}
            onSaved={(s) => {
              setSettings(s);
              void reloadStatus();
            }}
          />
          <WeekSection settings={settings} onSaved={setSettings} />
        </>
      )}
    </div>
  );
}

function RemindersSection({ settings, status, onSaved }: { settings: Settings; status: ReminderStatus[]; onSaved: (s: Settings) => void }) {
  const toast = useToast();
  const [journal, setJournal] = useState(settings.journalReminder);
  const [checkIn, setCheckIn] = useState(settings.checkInReminder);
  const [snooze, setSnooze] = useState(settings.snoozeMinutes);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dayOrder = Array.from({ length: 7 }, (_, i) => (settings.weekStart + i) % 7);
  const statusOf = (kind: ReminderStatus['kind']) => status.find((s) => s.kind === kind);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (journal.enabled && journal.days.length === 0) {
      setError('Choose at least one day for the journal reminder, or turn it off.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await call('settings.update', { journalReminder: journal, checkInReminder: checkIn, snoozeMinutes: snooze });
      onSaved(saved);
      toast.show('Reminder settings saved.');
    } catch (err) {
      setError(messageOf(err));
    }
    setBusy(false);
  }

  return (
    <section className="settings-section" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Reminders</h2>
      <p className="hint">
        A reminder only ever says “{REMINDER_TEXT.journal}” or “{REMINDER_TEXT.checkin}” — never a name or anything you wrote. The journal reminder is skipped on days you
        have already written. In browser mode, reminders appear inside this page while it is open.
      </p>
      <form className="stack" onSubmit={save} noValidate>
        <fieldset className="stack">
          <legend>Journal</legend>
          <label className="check">
            <input type="checkbox" checked={journal.enabled} onChange={(e) => setJournal({ ...journal, enabled: e.target.checked })} />
            Remind me to write in my journal
          </label>
          <CheckboxGroup
            legend="On these days"
            options={dayOrder.map((d) => ({ value: d, label: WEEKDAYS[d]! }))}
            value={journal.days}
            onChange={(days) => setJournal({ ...journal, days: [...days].sort((a, b) => a - b) })}
          />
          <div className="field">
            <label htmlFor="journal-time">Journal reminder time</label>
            <input id="journal-time" type="time" value={journal.time} onChange={(e) => e.target.value && setJournal({ ...journal, time: e.target.value })} />
          </div>
          <p className="hint">Next: {nextWords(statusOf('journal')?.nextAt ?? null)}</p>
        </fieldset>
        <fieldset className="stack">
          <legend>Check-ins</legend>
          <label className="check">
            <input type="checkbox" checked={checkIn.enabled} onChange={(e) => setCheckIn({ ...checkIn, enabled: e.target.checked })} />
            Remind me about check-ins
          </label>
          <div className="settings-row">
            <div className="field">
              <label htmlFor="checkin-day">Check-in reminder day</label>
              <select id="checkin-day" value={checkIn.day} onChange={(e) => setCheckIn({ ...checkIn, day: Number(e.target.value) })}>
                {dayOrder.map((d) => (
                  <option key={d} value={d}>
                    {WEEKDAYS[d]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="checkin-time">Check-in reminder time</label>
              <input id="checkin-time" type="time" value={checkIn.time} onChange={(e) => e.target.value && setCheckIn({ ...checkIn, time: e.target.value })} />
            </div>
          </div>
          <p className="hint">Next: {nextWords(statusOf('checkin')?.nextAt ?? null)}</p>
        </fieldset>
        <div className="field">
          <label htmlFor="snooze-minutes">“Snooze” waits</label>
          <select id="snooze-minutes" value={snooze} onChange={(e) => setSnooze(Number(e.target.value))}>
            {[...new Set([...SNOOZES, snooze])].sort((a, b) => a - b).map((m) => (
              <option key={m} value={m}>
                {snoozeWords(m)}
              </option>
            ))}
          </select>
        </div>
        <ErrorAlert>{error}</ErrorAlert>
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save reminders'}
          </button>
        </div>
      </form>
    </section>
  );
}

function WeekSection({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const toast = useToast();
  const [weekStart, setWeekStart] = useState(settings.weekStart);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('settings.update', { weekStart }));
      toast.show('Week start saved.');
    } catch (err) {
      setError(messageOf(err));
    }
    setBusy(false);
  }
  return (
    <section className="settings-section" aria-labelledby="week-heading">
      <h2 id="week-heading">Calendar</h2>
      <form className="settings-row" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor="week-start">Week starts on</label>
          <select id="week-start" value={weekStart} onChange={(e) => setWeekStart(Number(e.target.value))} aria-describedby="week-start-hint">
            {WEEKDAYS.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy || weekStart === settings.weekStart}>
          Save week start
        </button>
      </form>
      <p id="week-start-hint" className="hint">
        Used for weekly charts and check-ins.
      </p>
      <ErrorAlert>{error}</ErrorAlert>
    </section>
  );
}
