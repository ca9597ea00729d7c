import { type FormEvent, useState } from 'react'
import { Button, Dialog, ErrorMessage, Field, SecretReveal, useAction } from '../../../ui/index.js'

/** The end of the chosen day, in the browser's zone, as the API wants it (ISO 8601). */
export function expiryFromDate(date: string): string | null {
  if (date === '') {
    return null
  }
  const parsed = new Date(`${date}T23:59:59`)
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString()
}

/** What is wrong with the form, or undefined; the API has the last word. */
export function validateCredential(
  name: string,
  expiresOn: string,
  now: number,
): { name?: string; expires?: string } | undefined {
  const errors: { name?: string; expires?: string } = {}
  if (name.trim() === '') {
    errors.name = 'Give it a name'
  } else if (name.trim().length > 256) {
    errors.name = 'At most 256 characters'
  }
  if (expiresOn !== '') {
    const at = expiryFromDate(expiresOn)
    if (at === null) {
      errors.expires = 'Pick a valid date'
    } else if (Date.parse(at) <= now) {
      errors.expires = 'Pick a date in the future'
    }
  }
  return errors.name === undefined && errors.expires === undefined ? undefined : errors
}

/**
 * Create a key or token: name and optional expiry, then its secret shown this one time with a
 * copy button. The secret is held in this dialog's state only and dropped when it closes.
 */
export function CreateCredentialDialog({
  open,
  title,
  what,
  create,
  onClose,
  onCreated,
}: {
  open: boolean
  title: string
  /** "API key", "service token". */
  what: string
  create: (name: string, expiresAt: string | null) => Promise<{ name: string; key: string }>
  onClose: () => void
  onCreated: () => void
}) {
  const [name, setName] = useState('')
  const [expiresOn, setExpiresOn] = useState('')
  const [errors, setErrors] = useState<{ name?: string; expires?: string } | undefined>()
  const [secret, setSecret] = useState<{ name: string; key: string } | undefined>()
  const action = useAction(() => create(name.trim(), expiryFromDate(expiresOn)), {
    errorNotice: false,
    success: (created) => `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} ${created.name} created`,
    onSuccess: (created) => {
      setSecret({ name: created.name, key: created.key })
      onCreated()
    },
  })
  const close = () => {
    // Forget everything, the secret first: it must not outlive the dialog.
    setSecret(undefined)
    setName('')
    setExpiresOn('')
    setErrors(undefined)
    action.reset()
    onClose()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const problems = validateCredential(name, expiresOn, Date.now())
    setErrors(problems)
    if (problems === undefined) {
      void action.run()
    }
  }
  if (secret !== undefined) {
    return (
      <Dialog
        open={open}
        title={`Your new ${what}`}
        onClose={close}
        footer={
          <Button variant="primary" onClick={close} data-autofocus>
            Done
          </Button>
        }
      >
        <p>
          <strong>{secret.name}</strong> is ready.
        </p>
        <SecretReveal
          secret={secret.key}
          label={`The ${what}`}
          warning={`Copy this ${what} now and keep it somewhere safe: it will not be shown again.`}
        />
      </Dialog>
    )
  }
  return (
    <Dialog open={open} title={title} onClose={close} dismissible={!action.pending}>
      <form className="stack" onSubmit={submit} noValidate>
        <Field
          label="Name"
          value={name}
          maxLength={256}
          error={errors?.name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
        />
        <Field
          label="Expires on (optional)"
          type="date"
          value={expiresOn}
          error={errors?.expires}
          hint="Leave empty for no expiry."
          onChange={(e) => setExpiresOn(e.currentTarget.value)}
        />
        <ErrorMessage error={action.error} />
        <div className="dialog-footer">
          <Button onClick={close} disabled={action.pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={action.pending}>
            Create {what}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
