import { CopyButton } from './copy-button.js'

/**
 * A secret shown this one time (an API key, a service token): read-only, selectable, with a
 * copy button and the warning that it will not be shown again. The secret lives in the
 * component's props only: never in storage, never in a URL.
 */
export function SecretReveal({
  secret,
  label = 'Secret',
  warning = 'Copy it now: it will not be shown again.',
}: {
  secret: string
  label?: string
  warning?: string
}) {
  return (
    <div className="secret">
      <p className="secret-warning" role="note">
        {warning}
      </p>
      <label className="secret-label">
        {label}
        <span className="secret-row">
          <input
            className="secret-value"
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={secret} />
        </span>
      </label>
    </div>
  )
}
