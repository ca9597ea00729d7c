import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react'

interface FieldChrome {
  /** The visible label (every control has one). */
  readonly label: ReactNode
  /** A validation or API error for this field: shown under it and tied to it for screen readers. */
  readonly error?: string | undefined
  /** A hint under the control. */
  readonly hint?: ReactNode
}

function useFieldIds(id: string | undefined) {
  const generated = useId()
  const control = id ?? generated
  return { control, hint: `${control}-hint`, error: `${control}-error` }
}

function describedBy(ids: ReturnType<typeof useFieldIds>, hint: ReactNode, error?: string) {
  const parts = [hint === undefined ? '' : ids.hint, error ? ids.error : ''].filter(Boolean)
  return parts.length === 0 ? undefined : parts.join(' ')
}

function Chrome({
  ids,
  label,
  hint,
  error,
  children,
}: FieldChrome & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={ids.control}>{label}</label>
      {children}
      {hint === undefined ? null : (
        <p id={ids.hint} className="field-hint">
          {hint}
        </p>
      )}
      {error ? (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export type FieldProps = FieldChrome & InputHTMLAttributes<HTMLInputElement>

/** A labelled text input with an optional hint and error. */
export function Field({ label, error, hint, id, ...input }: FieldProps) {
  const ids = useFieldIds(id)
  return (
    <Chrome ids={ids} label={label} hint={hint} error={error}>
      <input
        id={ids.control}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...input}
      />
    </Chrome>
  )
}

export type SelectFieldProps = FieldChrome & SelectHTMLAttributes<HTMLSelectElement>

/** A labelled select; pass `<option>`s as children. */
export function SelectField({ label, error, hint, id, children, ...select }: SelectFieldProps) {
  const ids = useFieldIds(id)
  return (
    <Chrome ids={ids} label={label} hint={hint} error={error}>
      <select
        id={ids.control}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...select}
      >
        {children}
      </select>
    </Chrome>
  )
}

export type TextAreaFieldProps = FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>

/** A labelled multi-line input (e.g. one email per line). */
export function TextAreaField({ label, error, hint, id, ...textarea }: TextAreaFieldProps) {
  const ids = useFieldIds(id)
  return (
    <Chrome ids={ids} label={label} hint={hint} error={error}>
      <textarea
        id={ids.control}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...textarea}
      />
    </Chrome>
  )
}

export type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & {
  readonly label: ReactNode
  readonly hint?: ReactNode
}

/** A checkbox with its label beside it. */
export function Checkbox({ label, hint, id, ...input }: CheckboxProps) {
  const generated = useId()
  const control = id ?? generated
  return (
    <div className="checkbox">
      <input
        id={control}
        type="checkbox"
        aria-describedby={hint === undefined ? undefined : `${control}-hint`}
        {...input}
      />
      <label htmlFor={control}>{label}</label>
      {hint === undefined ? null : (
        <p id={`${control}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  )
}
