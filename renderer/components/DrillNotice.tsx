/** On the timeline, after a click on a chart: what the list is narrowed to, and the way back. */
import type { DrillDown } from '../lib/drill.js';
import { useT } from '../i18n/index.js';

export function DrillNotice({ drill, shown, more, onClear }: { drill: DrillDown; shown: number | null; more: boolean; onClear: () => void }) {
  const t = useT();
  return (
    <div className="notice drill-notice">
      <p>
        {t('drill.from')} <strong dir="auto">{drill.label}</strong> {t('drill.count', { count: drill.count })}
        {shown !== null && !more && shown !== drill.count && <> {t('drill.changed', { count: shown })}</>}
      </p>
      <div className="row">
        <a href="#/insights">{t('drill.back')}</a>
        <button type="button" className="button small" onClick={onClear}>
          {t('drill.showAll')}
        </button>
      </div>
    </div>
  );
}
