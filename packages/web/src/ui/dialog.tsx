import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react'
import { createPortal } from 'react-dom'

export interface DialogProps {
  readonly open: boolean
  readonly title: ReactNode
  /** Called on Escape and on the close button. */
  readonly onClose: () => void
  readonly children: ReactNode
  /** The action buttons, at the bottom. */
  readonly footer?: ReactNode
  /** A sentence under the title, read with it by screen readers. */
  readonly description?: ReactNode
  readonly wide?: boolean
  /** false while something must not be interrupted: no Escape, no close button. */
  readonly dismissible?: boolean
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE))
}

/**
 * A modal dialog: role=dialog with aria-modal, labelled by its title; focus moves in when it
 * opens (to the element marked `data-autofocus`, else the first control), Tab cycles inside,
 * Escape closes, and focus returns where it was when it closes.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  description,
  wide = false,
  dismissible = true,
}: DialogProps) {
  const ref = useRef<HTMLDivElement>(null)
  const titleId = useId()
  const descriptionId = useId()

  useEffect(() => {
    if (!open) {
      return
    }
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const root = ref.current
    if (root !== null) {
      const target = root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root)[0]
      ;(target ?? root).focus()
    }
    document.body.classList.add('dialog-open')
    return () => {
      document.body.classList.remove('dialog-open')
      if (before?.isConnected) {
        before.focus()
      }
    }
  }, [open])

  if (!open) {
    return null
  }

  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      if (dismissible) {
        onClose()
      }
      return
    }
    const root = ref.current
    if (event.key !== 'Tab' || root === null) {
      return
    }
    const items = focusables(root)
    const first = items[0]
    const last = items[items.length - 1]
    if (first === undefined || last === undefined) {
      event.preventDefault()
      return
    }
    if (event.shiftKey && (document.activeElement === first || document.activeElement === root)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description === undefined ? undefined : descriptionId}
        className={wide ? 'dialog dialog-wide' : 'dialog'}
        tabIndex={-1}
        onKeyDown={keyDown}
      >
        <div className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          {dismissible ? (
            <button type="button" className="dialog-close" aria-label="Close" onClick={onClose}>
              ×
            </button>
          ) : null}
        </div>
        {description === undefined ? null : (
          <p id={descriptionId} className="dialog-description">
            {description}
          </p>
        )}
        <div className="dialog-body">{children}</div>
        {footer === undefined ? null : <div className="dialog-footer">{footer}</div>}
      </div>
    </div>,
    document.body,
  )
}
