/**
 * Before any file leaves the encrypted journal as plain text (PDF, Markdown, CSV, JSON): say so,
 * naming the format, and let the person decide.
 */
import { ConfirmDialog } from '../components/Dialog.js';
import { useT } from '../i18n/index.js';
import { FORMAT_NAMES, type PlainFormat } from './files.js';

export function PlaintextConfirm(props: { format: PlainFormat; how: 'save' | 'download' | 'print'; onConfirm: () => Promise<void>; onClose: () => void }) {
  const t = useT();
  const format = FORMAT_NAMES[props.format];
  const confirm = props.how === 'print' ? 'report.plain.confirmPrint' : props.how === 'download' ? 'report.plain.confirmDownload' : 'report.plain.confirmSave';
  return (
    <ConfirmDialog
      title={t('report.plain.title', { format })}
      message={
        <>
          <p>{t(props.how === 'print' ? 'report.plain.print' : 'report.plain.file', { format })}</p>
          <p>{t('report.plain.keep')}</p>
        </>
      }
      confirmLabel={t(confirm, { format })}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    />
  );
}
