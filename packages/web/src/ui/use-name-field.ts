import { type FormEvent, useState } from 'react'

export interface NameField {
  readonly name: string
  readonly setName: (name: string) => void
  /** Why the name was refused, until the next submit. */
  readonly error: string | undefined
  readonly clearError: () => void
  /** A form's submit handler: refuses a blank name with `blankError`, else calls `save`. */
  readonly submitWith: (save: () => void) => (event: FormEvent) => void
}

/** The name of a thing being created or edited, which must not be blank. */
export function useNameField(initial: string, blankError: string): NameField {
  const [name, setName] = useState(initial)
  const [error, setError] = useState<string | undefined>(undefined)
  const submitWith = (save: () => void) => (event: FormEvent) => {
    event.preventDefault()
    if (name.trim() === '') {
      setError(blankError)
      return
    }
    setError(undefined)
    save()
  }
  return { name, setName, error, clearError: () => setError(undefined), submitWith }
}
