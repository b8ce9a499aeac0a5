/**
 * #/data, "Your data": export the journal as a plain file, make and restore encrypted
 * backups, and import from other journals. One page, three sections.
 */
import { useMemo } from 'react';
import { transport } from '../api.js';
import { BackupSection } from '../data/BackupSection.js';
import { ExportSection } from '../data/ExportSection.js';
import { ImportSection } from '../data/ImportSection.js';
import '../report/builder.css';
import { useT } from '../i18n/index.js';

export function DataPage() {
  const t = useT();
  const browser = useMemo(() => {
    try {
      return transport() === 'browser';
    } catch {
      return true;
    }
  }, []);
  return (
    <div className="page data-page">
      <header className="page-head">
        <div>
          <h1>{t('nav.data')}</h1>
          <p className="hint">{t('data.hint')}</p>
        </div>
      </header>
      <BackupSection browser={browser} />
      <ExportSection browser={browser} />
      <ImportSection browser={browser} />
    </div>
  );
}
