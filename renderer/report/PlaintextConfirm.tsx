/**
 * Before any file leaves the encrypted journal as plain text (PDF, Markdown, CSV, JSON): say so,
 * naming the format, and let the person decide.
 */
import { ConfirmDialog } from '../components/Dialog.js';
import { FORMAT_NAMES, type PlainFormat } from './files.js';

export function PlaintextConfirm(props: { format: PlainFormat; how: 'save' | 'download' | 'print'; onConfirm: () => Promise<void>; onClose: () => void }) {
  const name = FORMAT_NAMES[props.format];
  const verb = props.how === 'print' ? 'Print' : props.how === 'download' ? 'Download' : 'Save';
  return (
    <ConfirmDialog
      title={`This ${name} file will not be encrypted`}
      message={
        <>
          <p>
            Fulcrum keeps your journal encrypted, but the {name} {props.how === 'print' ? 'you print or save' : 'file'} will be plain text: anyone who can open it — on this
            computer, in a downloads or cloud folder, or as an email attachment — can read everything in it.
          </p>
          <p>Keep it somewhere private, read it through before you share it, and delete it when you no longer need it.</p>
        </>
      }
      confirmLabel={`${verb} ${name} (not encrypted)`}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    />
  );
}
