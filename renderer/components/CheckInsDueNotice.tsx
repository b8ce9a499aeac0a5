/** The home screen's gentle "2 check-ins due this week" (no names: the screen may be seen by others). */
import { useEffect, useState } from 'react';
import { format } from 'date-fns';
import { call } from '../api.js';
import { useRemembered } from '../lib/viewMemory.js';

export function CheckInsDueNotice() {
  const [due, setDue] = useState(0);
  const [hidden, setHidden] = useRemembered('checkins.dueNoticeHidden', false);
  useEffect(() => {
    if (hidden) return;
    let live = true;
    call('insights.checkinsDue', { today: format(new Date(), 'yyyy-MM-dd') })
      .then((d) => live && setDue(d.due.length))
      .catch(() => live && setDue(0));
    return () => {
      live = false;
    };
  }, [hidden]);
  if (hidden || due === 0) return null;
  return (
    <div className="notice checkins-due">
      <p>
        {due === 1 ? '1 check-in' : `${due} check-ins`} due this week. <a href="#/checkins">Open check-ins</a>
      </p>
      <button type="button" className="button small subtle" onClick={() => setHidden(true)}>
        Not now
      </button>
    </div>
  );
}
