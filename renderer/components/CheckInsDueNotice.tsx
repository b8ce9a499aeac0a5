/**
 * The home screen's gentle "2 check-ins due this week" (no names: the screen may be seen by others).
 * Only people who have been in the journal for a week count (see lib/nudges).
 */
import { format } from 'date-fns';
import { checkInsToNudge } from '../lib/nudges.js';
import { useJournalData } from '../lib/session.js';
import { useRemembered } from '../lib/viewMemory.js';
import { useApi } from '../lib/queries.js';
import { useT } from '../i18n/index.js';

export function CheckInsDueNotice() {
  const t = useT();
  const { personById, loaded } = useJournalData();
  const [hidden, setHidden] = useRemembered('checkins.dueNoticeHidden', false);
  // A failure shows no notice: it is a gentle extra, never an error on the home screen.
  const dueQuery = useApi('insights.checkinsDue', { today: format(new Date(), 'yyyy-MM-dd') }, { enabled: !hidden && loaded });
  const due = dueQuery.data ? checkInsToNudge(dueQuery.data.due, personById, Date.now()) : 0;
  if (hidden || due === 0) return null;
  return (
    <div className="notice checkins-due">
      <p>
        {t('checkinsDue.text', { count: due })} <a href="#/checkins">{t('checkinsDue.open')}</a>
      </p>
      <button type="button" className="button small subtle" onClick={() => setHidden(true)}>
        {t('checkinsDue.notNow')}
      </button>
    </div>
  );
}
