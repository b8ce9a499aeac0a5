/**
 * Mounted once inside the unlocked app: the in-page reminder, and forgetting what pages remembered
 * (insights choices, a pending chart drill-down) when the app unmounts — that is, on every lock.
 */
import { useEffect } from 'react';
import { clearPendingDrill } from '../lib/drill.js';
import { forgetViewMemory } from '../lib/viewMemory.js';
import { ReminderBanner } from './ReminderBanner.js';

export function SessionExtras() {
  useEffect(
    () => () => {
      forgetViewMemory();
      clearPendingDrill();
    },
    [],
  );
  return <ReminderBanner />;
}
