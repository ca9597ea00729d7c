import type { ReactNode } from 'react'

export interface OptionGroupProps<T> {
  readonly label: string
  readonly items: readonly T[]
  /** The option's value, also its key: unique within the select. */
  readonly value: (item: T) => string
  readonly text: (item: T) => ReactNode
  readonly disabled?: boolean
  /** true: no group at all when there are no items, rather than an empty heading. */
  readonly hideWhenEmpty?: boolean
}

/** An `<optgroup>` of one option per item, for the choosers of a SelectField. */
export function OptionGroup<T>({
  label,
  items,
  value,
  text,
  disabled,
  hideWhenEmpty = false,
}: OptionGroupProps<T>) {
  if (hideWhenEmpty && items.length === 0) {
    return null
  }
  return (
    <optgroup label={label}>
      {items.map((item) => (
        <option key={value(item)} value={value(item)} disabled={disabled}>
          {text(item)}
        </option>
      ))}
    </optgroup>
  )
}
