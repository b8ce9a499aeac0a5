/**
 * The report's "Evidence package" action: the report, evidence.json and the standalone verifier in
 * one zip (its printed appendix is in Appendix.tsx).
 */
import { useState } from 'react';
import type { Language } from '../../shared/locales.js';
import type { ReportConfigParsed, ReportModel } from '../../shared/report.js';
import { call } from '../api.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { useT } from '../i18n/index.js';
import { useToast } from '../lib/session.js';
import { base64ToBytes, downloadBlob } from './files.js';
import { localToday } from './format.js';

export function EvidencePackageButton(props: { model: ReportModel; config: ReportConfigParsed; language: Language; browser: boolean; html: () => string | null }) {
  const t = useT();
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  const save = async () => {
    const html = props.html();
    if (!html) return;
    const input = { config: props.config, today: localToday(), html, pageSize: props.model.pageSize, from: props.model.range.from, to: props.model.range.to, generatedOn: props.model.generatedOn, language: props.language };
    if (props.browser) {
      const f = await call('report.evidencePackage', input);
      downloadBlob(base64ToBytes(f.base64), f.filename, f.mimeType);
      toast.show(t('data.verify.downloading', { filename: f.filename }));
    } else {
      const r = await call('report.saveEvidencePackage', input);
      if (r.saved) toast.show(t('data.verify.saved'));
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => setConfirm(true)}>
        {t('data.verify.package')}
      </button>
      {confirm && (
        <ConfirmDialog
          title={t('data.verify.confirmTitle')}
          message={
            <>
              <p>{props.browser ? t('data.verify.holdsWeb') : t('data.verify.holdsPdf')}</p>
              <p>{t('data.verify.commitment')}</p>
            </>
          }
          confirmLabel={props.browser ? t('data.verify.confirmDownload') : t('data.verify.confirmSave')}
          onConfirm={save}
          onClose={() => setConfirm(false)}
        />
      )}
    </>
  );
}
