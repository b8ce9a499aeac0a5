/**
 * The home screen's gentle "2 check-ins due this week" (no names: the screen may be seen by others).
 * Only people who have been in the journal for a week count (see lib/nudges).
 */
import { useEffect, useState } from 'react';
import { format } from 'date-fns';
import { call } from '../api.js';
import { checkInsToNudge } from '../lib/nudges.js';
import { useJournalData } from '../lib/session.js';
import { useRemembered } from '../lib/viewMemory.js';
import { useT } from '../i18n/index.js';

export function CheckInsDueNotice() {
  const t = useT();
  const { personById, loaded } = useJournalData();
  const [due, setDue] = useState(0);
  const [hidden, setHidden] = useRemembered('checkins.dueNoticeHidden', false);
  useEffect(() => {
    if (hidden || !loaded) return;
    let live = true;
    call('insights.checkinsDue', { today: format(new Date(), 'yyyy-MM-dd') })
      .then((d) => live && setDue(checkInsToNudge(d.due, personById, Date.now())))
      .catch(() => live && setDue(0));
    return () => {
      live = false;
    };
  }, [hidden, loaded, personById]);
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
