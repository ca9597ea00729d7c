import { useEffect, useRef, useState } from 'react'
import { Button } from './button.js'

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard !== undefined) {
    await navigator.clipboard.writeText(text)
    return
  }
  // Older browsers and plain-http origins: copy through a selected, off-screen textarea.
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.className = 'offscreen'
  document.body.append(area)
  area.select()
  const ok = document.execCommand('copy')
  area.remove()
  if (!ok) {
    throw new Error('Copying failed: select the text and copy it by hand')
  }
}

/** Copies `text` to the clipboard and says "Copied" for a moment (announced politely). */
export function CopyButton({
  text,
  label = 'Copy',
  size = 'small',
}: {
  text: string
  label?: string
  size?: 'small' | 'normal'
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  const copy = async () => {
    try {
      await copyText(text)
      setState('copied')
    } catch {
      setState('failed')
    }
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setState('idle'), 2500)
  }
  return (
    <span className="copy">
      <Button size={size} onClick={copy}>
        {label}
      </Button>
      <span className="copy-status" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select and copy' : ''}
      </span>
    </span>
  )
}
