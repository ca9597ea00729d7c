import { isGatehouseApiError } from '@gatehouse/client'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { errorMessage } from '../format.js'

export interface Notice {
  readonly id: number
  readonly kind: 'success' | 'error'
  readonly message: string
  /** The API's request id of a failure, to quote when reporting it. */
  readonly requestId?: string | null
}

export interface Notices {
  /** A success message; it goes away by itself after a few seconds. */
  success(message: string): void
  /** A failure (the API's own message, as it is) or a text; it stays until dismissed. */
  error(error: unknown): void
  dismiss(id: number): void
}

const NoticeContext = createContext<Notices | undefined>(undefined)

/** How long a success message stays. */
export const SUCCESS_MS = 6000

/** Holds the notices and shows them in a corner area with live regions. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<readonly Notice[]>([])
  const next = useRef(1)
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>())

  useEffect(() => {
    const pending = timers.current
    return () => {
      for (const timer of pending) {
        clearTimeout(timer)
      }
    }
  }, [])

  const dismiss = useCallback((id: number) => {
    setNotices((list) => list.filter((n) => n.id !== id))
  }, [])

  const api = useMemo<Notices>(
    () => ({
      success(message) {
        const id = next.current++
        // At most three notices at a time: a quick series of actions must not cover the page.
        setNotices((list) => [...list.slice(-2), { id, kind: 'success', message }])
        const timer = setTimeout(() => {
          timers.current.delete(timer)
          dismiss(id)
        }, SUCCESS_MS)
        timers.current.add(timer)
      },
      error(error) {
        const id = next.current++
        const requestId = isGatehouseApiError(error) ? error.requestId : null
        setNotices((list) => [
          ...list.slice(-2),
          { id, kind: 'error', message: errorMessage(error), requestId },
        ])
      },
      dismiss,
    }),
    [dismiss],
  )

  return (
    <NoticeContext.Provider value={api}>
      {children}
      <NoticeArea notices={notices} onDismiss={dismiss} />
    </NoticeContext.Provider>
  )
}

/** The notice area: `useNotices().success('Saved')`, `useNotices().error(err)`. */
export function useNotices(): Notices {
  const value = useContext(NoticeContext)
  if (value === undefined) {
    throw new Error('useNotices() needs a <NoticeProvider> above it')
  }
  return value
}

function NoticeArea({
  notices,
  onDismiss,
}: {
  notices: readonly Notice[]
  onDismiss: (id: number) => void
}) {
  const item = (notice: Notice) => (
    <div key={notice.id} className={`notice notice-${notice.kind}`}>
      <p>
        {notice.message}
        {notice.requestId ? (
          <span className="notice-request"> (request {notice.requestId})</span>
        ) : null}
      </p>
      <button
        type="button"
        className="notice-dismiss"
        aria-label="Dismiss"
        onClick={() => onDismiss(notice.id)}
      >
        ×
      </button>
    </div>
  )
  // Live regions exist from the start, so that screen readers announce what appears in them.
  return (
    <div className="notices">
      <div role="alert" className="notice-list">
        {notices.filter((n) => n.kind === 'error').map(item)}
      </div>
      <div role="status" aria-live="polite" className="notice-list">
        {notices.filter((n) => n.kind === 'success').map(item)}
      </div>
    </div>
  )
}
