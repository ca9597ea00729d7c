import type { FormEvent, ReactNode } from 'react'
import { Button } from './button.js'
import { Dialog } from './dialog.js'
import { ErrorMessage } from './error-message.js'
import { Field } from './field.js'
import type { ActionState } from './use-action.js'
import type { NameField } from './use-name-field.js'

/** The props of a page's dialog that creates one `T` and hands it back. */
export interface CreateDialogProps<T> {
  readonly open: boolean
  readonly onClose: () => void
  readonly onCreated: (created: T) => void
}

export interface CreateNamedDialogProps {
  readonly open: boolean
  readonly title: string
  /** The submit button's label, e.g. "Create group". */
  readonly submitLabel: string
  readonly field: NameField
  readonly nameHint?: ReactNode
  /** The create call: the dialog cannot be dismissed while it runs, and forgets it on close. */
  readonly action: Pick<ActionState<[], unknown>, 'pending' | 'error' | 'reset'>
  readonly onSubmit: (event: FormEvent) => void
  readonly onClose: () => void
  /** Fields after the name (e.g. a description). */
  readonly children?: ReactNode
}

/** A dialog that creates a named thing: its name, any further fields, Cancel and Create. */
export function CreateNamedDialog({
  open,
  title,
  submitLabel,
  field,
  nameHint,
  action,
  onSubmit,
  onClose,
  children,
}: CreateNamedDialogProps) {
  const close = () => {
    action.reset()
    field.clearError()
    onClose()
  }
  return (
    <Dialog open={open} title={title} onClose={close} dismissible={!action.pending}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field
          label="Name"
          value={field.name}
          maxLength={256}
          error={field.error}
          hint={nameHint}
          onChange={(e) => field.setName(e.currentTarget.value)}
          data-autofocus
        />
        {children}
        <ErrorMessage error={action.error} />
        <div className="dialog-footer">
          <Button onClick={close} disabled={action.pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={action.pending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
