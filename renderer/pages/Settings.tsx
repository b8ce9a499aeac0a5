/**
 * Settings: the interface language (a preference on this computer, outside the journal), and, kept
 * inside the journal, reminder schedules and the first day of the week.
 * Sectioned, so other features can add their own section. Nothing here goes to the OS preferences
 * store: even a reminder schedule says something about the person.
 */
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReminderStatus, Settings } from '../../shared/insights.js';
import { call, messageOf } from '../api.js';
import { CheckboxGroup } from '../components/EditorControls.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { snoozeWords } from '../components/ReminderBanner.js';
import { WritingSettings } from '../components/writing/WritingSettings.js';
import { useToast } from '../lib/session.js';
import { queryKey, useApi } from '../lib/queries.js';
import { formatDateTime, weekdayName } from '../lib/format.js';
import { LANGUAGE_NAMES, useLanguage, useT } from '../i18n/index.js';
import { LANGUAGES, LanguageChoice, matchLanguage } from '../../shared/locales.js';
import '../styles/insights.css';

const SNOOZES = [15, 30, 60, 120, 240] as const;
const WEEK = [0, 1, 2, 3, 4, 5, 6] as const;

export function SettingsPage() {
  const t = useT();
  const queryClient = useQueryClient();
  // A saved change invalidates every query (the week start shapes check-ins and insights): the
  // settings, the reminders' next times and every other screen load again.
  const settingsQuery = useApi('settings.get', {});
  const settings = settingsQuery.data ?? null;
  const error = settingsQuery.error ? messageOf(settingsQuery.error) : null;
  // The next reminder times are a hint: without them the form still works.
  const status = useApi('reminders.status', {}).data ?? [];
  const setSettings = (s: Settings) => queryClient.setQueryData(queryKey('settings.get', {}), s);

  return (
    <div className="page settings-page">
      <header className="page-head">
        <div>
          <h1>{t('settings.title')}</h1>
          <p className="hint">{t('settings.kept')}</p>
        </div>
      </header>
      <LanguageSection />
      <ErrorAlert>{error}</ErrorAlert>
      {!settings ? (
        !error && <Loading />
      ) : (
        <>
          <RemindersSection
            settings={settings}
            status={status}
            onSaved={setSettings}
          />
          <WeekSection settings={settings} onSaved={setSettings} />
          <WritingSettings />
        </>
      )}
    </div>
  );
}

function RemindersSection({ settings, status, onSaved }: { settings: Settings; status: ReminderStatus[]; onSaved: (s: Settings) => void }) {
  const t = useT();
  const toast = useToast();
  const nextWords = (at: number | null): string => (at === null ? t('settings.off') : formatDateTime(at, undefined, { weekday: true }));
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
      setError(t('settings.chooseDay'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await call('settings.update', { journalReminder: journal, checkInReminder: checkIn, snoozeMinutes: snooze });
      onSaved(saved);
      toast.show(t('settings.remindersSaved'));
    } catch (err) {
      setError(messageOf(err));
    }
    setBusy(false);
  }

  return (
    <section className="settings-section" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{t('settings.reminders')}</h2>
      <p className="hint">{t('settings.remindersHint', { journal: t('reminder.journal'), checkin: t('reminder.checkin') })}</p>
      <form className="stack" onSubmit={save} noValidate>
        <fieldset className="stack">
          <legend>{t('settings.journal')}</legend>
          <label className="check">
            <input type="checkbox" checked={journal.enabled} onChange={(e) => setJournal({ ...journal, enabled: e.target.checked })} />
            {t('settings.journalRemind')}
          </label>
          <CheckboxGroup
            legend={t('settings.onDays')}
            options={dayOrder.map((d) => ({ value: d, label: weekdayName(d) }))}
            value={journal.days}
            onChange={(days) => setJournal({ ...journal, days: [...days].sort((a, b) => a - b) })}
          />
          <div className="field">
            <label htmlFor="journal-time">{t('settings.journalTime')}</label>
            <input id="journal-time" type="time" value={journal.time} onChange={(e) => e.target.value && setJournal({ ...journal, time: e.target.value })} />
          </div>
          <p className="hint">{t('settings.next', { when: nextWords(statusOf('journal')?.nextAt ?? null) })}</p>
        </fieldset>
        <fieldset className="stack">
          <legend>{t('settings.checkins')}</legend>
          <label className="check">
            <input type="checkbox" checked={checkIn.enabled} onChange={(e) => setCheckIn({ ...checkIn, enabled: e.target.checked })} />
            {t('settings.checkinRemind')}
          </label>
          <div className="settings-row">
            <div className="field">
              <label htmlFor="checkin-day">{t('settings.checkinDay')}</label>
              <select id="checkin-day" value={checkIn.day} onChange={(e) => setCheckIn({ ...checkIn, day: Number(e.target.value) })}>
                {dayOrder.map((d) => (
                  <option key={d} value={d}>
                    {weekdayName(d)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="checkin-time">{t('settings.checkinTime')}</label>
              <input id="checkin-time" type="time" value={checkIn.time} onChange={(e) => e.target.value && setCheckIn({ ...checkIn, time: e.target.value })} />
            </div>
          </div>
          <p className="hint">{t('settings.next', { when: nextWords(statusOf('checkin')?.nextAt ?? null) })}</p>
        </fieldset>
        <div className="field">
          <label htmlFor="snooze-minutes">{t('settings.snooze')}</label>
          <select id="snooze-minutes" value={snooze} onChange={(e) => setSnooze(Number(e.target.value))}>
            {[...new Set([...SNOOZES, snooze])].sort((a, b) => a - b).map((m) => (
              <option key={m} value={m}>
                {snoozeWords(m, t)}
              </option>
            ))}
          </select>
        </div>
        <ErrorAlert>{error}</ErrorAlert>
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('settings.saving') : t('settings.saveReminders')}
          </button>
        </div>
      </form>
    </section>
  );
}

function WeekSection({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const t = useT();
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
      toast.show(t('settings.weekSaved'));
    } catch (err) {
      setError(messageOf(err));
    }
    setBusy(false);
  }
  return (
    <section className="settings-section" aria-labelledby="week-heading">
      <h2 id="week-heading">{t('settings.calendar')}</h2>
      <form className="settings-row" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor="week-start">{t('settings.weekStarts')}</label>
          <select id="week-start" value={weekStart} onChange={(e) => setWeekStart(Number(e.target.value))} aria-describedby="week-start-hint">
            {WEEK.map((d) => (
              <option key={d} value={d}>
                {weekdayName(d)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy || weekStart === settings.weekStart}>
          {t('settings.saveWeek')}
        </button>
      </form>
      <p id="week-start-hint" className="hint">
        {t('settings.weekHint')}
      </p>
      <ErrorAlert>{error}</ErrorAlert>
    </section>
  );
}

/**
 * The interface language: applied to every screen at once, and saved as a preference outside the
 * journal (the unlock screen needs it before anything can be decrypted).
 */
function LanguageSection() {
  const t = useT();
  const toast = useToast();
  const { choice, choose } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const system = LANGUAGE_NAMES[matchLanguage(navigator.languages ?? [navigator.language])];
  return (
    <section className="settings-section" aria-labelledby="language-heading">
      <h2 id="language-heading">{t('language.heading')}</h2>
      <div className="field">
        <label htmlFor="language">{t('language.label')}</label>
        <select
          id="language"
          value={choice}
          aria-describedby="language-hint"
          onChange={(e) => {
            setError(null);
            choose(LanguageChoice.parse(e.target.value))
              .then(() => toast.show(t('language.saved')))
              .catch((err) => setError(messageOf(err)));
          }}
        >
          <option value="system">{t('language.system', { language: system })}</option>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <p id="language-hint" className="hint">
        {t('language.hint')}
      </p>
      <ErrorAlert>{error}</ErrorAlert>
    </section>
  );
}
