import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { messageOf } from '../api.js';
import { useT } from '../i18n/index.js';

/**
 * A modal built on the native <dialog> (focus trap, Escape, inert background for free). Mount it to
 * open it; it gives focus back to where it came from when it goes away.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; describedBy?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={props.wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={props.describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}

/** "Are you sure?" with a busy state and an error that stays in the dialog. */
export function ConfirmDialog(props: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** The way back, "Cancel" unless it can say more. */
  cancelLabel?: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const msgId = useId();
  return (
    <Dialog title={props.title} onClose={props.onClose} describedBy={msgId}>
      <div id={msgId} className="dialog-body">
        {props.message}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={props.onClose} disabled={busy} autoFocus>
          {props.cancelLabel ?? t('dialog.cancel')}
        </button>
        <button
          type="button"
          className={props.danger ? 'button danger' : 'button primary'}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await props.onConfirm();
              props.onClose();
            } catch (e) {
              setError(messageOf(e));
              setBusy(false);
            }
          }}
        >
          {busy ? t('dialog.working') : props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
