import {
  type ButtonHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react'
import { Spinner } from './spinner.js'

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'> {
  readonly variant?: 'primary' | 'secondary' | 'danger' | 'ghost'
  readonly size?: 'normal' | 'small'
  /** Shows the spinner and disables the button (a form submitting through `useAction`). */
  readonly pending?: boolean
  /** May return a promise: the button then spins and stays disabled until it settles. */
  readonly onClick?: (event: MouseEvent<HTMLButtonElement>) => unknown
  readonly children: ReactNode
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

/**
 * A button that shows a spinner and is disabled while its action runs, so an action cannot be
 * sent twice. `type` is "button" unless told (a form's submit button says `type="submit"`).
 */
export function Button({
  variant = 'secondary',
  size = 'normal',
  pending = false,
  onClick,
  disabled,
  type = 'button',
  className,
  children,
  ...rest
}: ButtonProps) {
  const [running, setRunning] = useState(false)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  const busy = pending || running
  const click = (event: MouseEvent<HTMLButtonElement>) => {
    const result = onClick?.(event)
    if (isThenable(result)) {
      setRunning(true)
      const done = () => {
        if (mounted.current) {
          setRunning(false)
        }
      }
      result.then(done, done)
    }
  }
  const classes = ['button', `button-${variant}`, size === 'small' ? 'button-small' : '', className]
  return (
    <button
      type={type}
      className={classes.filter(Boolean).join(' ')}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
      onClick={click}
      {...rest}
    >
      {busy ? <Spinner /> : null}
      <span>{children}</span>
    </button>
  )
}
