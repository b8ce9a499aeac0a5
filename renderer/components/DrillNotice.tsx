/** On the timeline, after a click on a chart: what the list is narrowed to, and the way back. */
import type { DrillDown } from '../lib/drill.js';

export function DrillNotice({ drill, shown, more, onClear }: { drill: DrillDown; shown: number | null; more: boolean; onClear: () => void }) {
  return (
    <div className="notice drill-notice">
      <p>
        From your insights: <strong>{drill.label}</strong> — {drill.count === 1 ? '1 entry' : `${drill.count} entries`}.
        {shown !== null && !more && shown !== drill.count && <> (Entries changed since: {shown} now match.)</>}
      </p>
      <div className="row">
        <a href="#/insights">Back to insights</a>
        <button type="button" className="button small" onClick={onClear}>
          Show the whole timeline
        </button>
      </div>
    </div>
  );
}
