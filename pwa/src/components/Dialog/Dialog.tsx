import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { Button } from '../Button/Button';
import './Dialog.css';

interface DialogProps {
  id: string;
  title: string;
  open: boolean;
  onClose: () => void;
  children: ComponentChildren;
}

/**
 * A native modal <dialog>: the browser traps focus, Escape closes it, and focus returns to the
 * button that opened it (HTML Living Standard, "the dialog element").
 */
export function Dialog({ id, title, open, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={`${id}-title`}
      onClose={() => {
        if (open) onClose();
      }}
    >
      {open && (
        <div class="dialog__body">
          <h2 class="dialog__title" id={`${id}-title`}>
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

interface ConfirmProps {
  id: string;
  title: string;
  open: boolean;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ComponentChildren;
}

/** "Are you sure?" with the consequence in words and two plainly named buttons. */
export function ConfirmDialog(props: ConfirmProps) {
  return (
    <Dialog id={props.id} title={props.title} open={props.open} onClose={props.onCancel}>
      {props.children}
      <div class="actions">
        <Button
          variant={props.danger ? 'danger' : 'primary'}
          busy={props.busy ?? false}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </Button>
        <Button onClick={props.onCancel}>{props.cancelLabel ?? t('action.cancel')}</Button>
      </div>
    </Dialog>
  );
}
