import type { ReactNode } from 'react'
import { Button } from './button.js'
import { SelectField } from './field.js'

/** A one-line form: pick one thing from a select and add it; the button waits for a pick. */
export function AddPicker({
  label,
  placeholder,
  value,
  onChange,
  onAdd,
  submitLabel,
  pending,
  children,
}: {
  label: string
  /** The empty first option. */
  placeholder: string
  value: string
  onChange: (value: string) => void
  /** Called with the picked value, never with the empty one. */
  onAdd: (value: string) => void
  submitLabel: string
  pending: boolean
  /** The options. */
  children: ReactNode
}) {
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (value !== '') {
          onAdd(value)
        }
      }}
    >
      <SelectField label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{placeholder}</option>
        {children}
      </SelectField>
      <Button type="submit" disabled={value === ''} pending={pending}>
        {submitLabel}
      </Button>
    </form>
  )
}
