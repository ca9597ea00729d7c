import { useState } from 'react'
import { navigate, useLocation, useQueryParam, withKeptQuery } from '../router.js'

/**
 * A settings page that is a list or one item of it (chosen by `?param=id` under `path`), with a
 * create dialog and a delete confirmation: which item is shown, and what opening, creating and
 * deleting one do to the address and the list (`reload`).
 */
export function useListDetail<T extends { readonly id: string }>(
  path: string,
  param: string,
  reload: () => Promise<void>,
) {
  const location = useLocation()
  const selected = useQueryParam(param)
  const [creating, setCreating] = useState(false)
  const [deleting, setDeleting] = useState<T | undefined>(undefined)

  /** Shows one item, or the list (null); the other query parameters stay. */
  const open = (id: string | null) =>
    navigate(
      withKeptQuery(
        id === null ? path : `${path}?${param}=${encodeURIComponent(id)}`,
        location.search,
      ),
    )
  /**
   * Closes the create dialog and opens what it created, once the list holds it: opening it first
   * would show "does not exist" until the reload lands.
   */
  const created = async (item: T) => {
    setCreating(false)
    await reload()
    open(item.id)
  }
  /** The delete confirmation's action: deletes the item, back to the list, reloaded. */
  const deleteWith = (remove: (id: string) => Promise<unknown>) => async () => {
    if (deleting === undefined) {
      return
    }
    await remove(deleting.id)
    open(null)
    await reload()
  }
  return { selected, open, creating, setCreating, deleting, setDeleting, created, deleteWith }
}
