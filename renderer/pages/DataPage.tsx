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

export function DataPage() {
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
          <h1>Your data</h1>
          <p className="hint">Everything here stays on this computer unless you save a file somewhere else. Backups are encrypted; exports are not.</p>
        </div>
      </header>
      <BackupSection browser={browser} />
      <ExportSection browser={browser} />
      <ImportSection browser={browser} />
    </div>
  );
}
