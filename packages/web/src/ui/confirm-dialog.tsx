import type { ReactNode } from 'react'
import { Button } from './button.js'
import { Dialog } from './dialog.js'
import { ErrorMessage } from './error-message.js'
import { useAction } from './use-action.js'

export interface ConfirmDialogProps {
  readonly open: boolean
  readonly title: ReactNode
  /** What will happen, in a sentence or two. */
  readonly children: ReactNode
  readonly confirmLabel: string
  readonly cancelLabel?: string
  /** A destructive action: the confirm button is red. */
  readonly danger?: boolean
  /** Runs on confirm; the dialog closes when it succeeds and shows the API's error when not. */
  readonly onConfirm: () => Promise<unknown>
  readonly onClose: () => void
  /** A success notice after it worked. */
  readonly successMessage?: string
  /** More words under a failure's message: e.g. why the last owner cannot be removed. */
  readonly explainError?: (error: Error) => ReactNode
}

/**
 * "Are you sure?" for an action: the confirm button spins while it runs; a refusal stays in the
 * dialog, word for word, with an optional explanation of the rule. For a destructive action
 * the focus starts on Cancel, so Enter does not destroy anything.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  onConfirm,
  onClose,
  successMessage,
  explainError,
}: ConfirmDialogProps) {
  const action = useAction(onConfirm, {
    errorNotice: false,
    ...(successMessage === undefined ? {} : { success: successMessage }),
    onSuccess: () => {
      action.reset()
      onClose()
    },
  })
  const close = () => {
    action.reset()
    onClose()
  }
  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      dismissible={!action.pending}
      footer={
        <>
          <Button onClick={close} disabled={action.pending} data-autofocus={danger || undefined}>
            {cancelLabel}
          </Button>
          <Button
            variant={danger ? 'danger' : 'primary'}
            pending={action.pending}
            data-autofocus={danger ? undefined : true}
            onClick={() => action.run()}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="confirm-body">{children}</div>
      {action.error === undefined ? null : (
        <ErrorMessage error={action.error}>{explainError?.(action.error)}</ErrorMessage>
      )}
    </Dialog>
  )
}
