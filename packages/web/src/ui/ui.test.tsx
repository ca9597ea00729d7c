// @vitest-environment happy-dom
import { GatehouseApiError } from '@gatehouse/client'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { Button } from './button.js'
import { ConfirmDialog } from './confirm-dialog.js'
import { Dialog } from './dialog.js'
import { Field } from './field.js'
import { NoticeProvider } from './notices.js'
import { type Column, Table } from './table.js'
import { useAction } from './use-action.js'

afterEach(() => {
  cleanup()
})

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => {}
  let reject: (reason: unknown) => void = () => {}
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const refusal = () =>
  new GatehouseApiError({
    status: 403,
    code: 'API_KEY_CANNOT_CREATE_API_KEY',
    message: 'API keys cannot create API keys',
    requestId: 'req-7',
  })

describe('Button', () => {
  it('spins and stays disabled while the action it started runs', async () => {
    const work = deferred()
    let clicks = 0
    render(
      <Button
        onClick={() => {
          clicks += 1
          return work.promise
        }}
      >
        Save
      </Button>,
    )
    const button = screen.getByRole('button', { name: 'Save' })
    fireEvent.click(button)
    expect(button).toHaveProperty('disabled', true)
    expect(button.getAttribute('aria-busy')).toBe('true')
    expect(button.querySelector('.spinner')).not.toBeNull()
    fireEvent.click(button)
    expect(clicks).toBe(1)
    await act(async () => {
      work.resolve()
      await work.promise
    })
    expect(button).toHaveProperty('disabled', false)
    expect(button.querySelector('.spinner')).toBeNull()
  })

  it('is a plain button, not a submit, unless told', () => {
    render(<Button pending>Wait</Button>)
    const button = screen.getByRole('button', { name: 'Wait' })
    expect(button.getAttribute('type')).toBe('button')
    expect(button).toHaveProperty('disabled', true)
  })
})

describe('Field', () => {
  it('labels its input and ties the error to it', () => {
    render(<Field label="Email" error="Enter your email address" hint="Work email" />)
    const input = screen.getByLabelText('Email')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ')
    expect(described).toHaveLength(2)
    const texts = described.map((id) => document.getElementById(id)?.textContent)
    expect(texts).toEqual(['Work email', 'Enter your email address'])
  })
})

function DialogHarness({ onClose }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <Dialog
        open={open}
        title="Create API key"
        description="Keys act as you."
        onClose={() => {
          onClose?.()
          setOpen(false)
        }}
        footer={<button type="button">Create</button>}
      >
        <input aria-label="Name" />
      </Dialog>
    </>
  )
}

describe('Dialog', () => {
  it('is a labelled modal dialog that takes the focus and gives it back', () => {
    render(<DialogHarness />)
    const opener = screen.getByRole('button', { name: 'Open' })
    opener.focus()
    fireEvent.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'Create API key' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(
      document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toBe('Keys act as you.')
    // The first control (the close button) has the focus.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }))
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('keeps Tab inside: from the last control to the first and back', () => {
    render(<DialogHarness />)
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    const dialog = screen.getByRole('dialog')
    const close = within(dialog).getByRole('button', { name: 'Close' })
    const last = within(dialog).getByRole('button', { name: 'Create' })
    last.focus()
    fireEvent.keyDown(dialog, { key: 'Tab' })
    expect(document.activeElement).toBe(close)
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(last)
  })
})

describe('ConfirmDialog', () => {
  it('shows a refusal word for word and stays open; closes once the action works', async () => {
    let attempts = 0
    let closed = 0
    render(
      <NoticeProvider>
        <ConfirmDialog
          open
          title="Remove member"
          confirmLabel="Remove"
          danger
          onConfirm={async () => {
            attempts += 1
            if (attempts === 1) {
              throw new GatehouseApiError({
                status: 403,
                code: 'LAST_OWNER',
                message: 'An organization must keep at least one owner',
                requestId: 'r',
              })
            }
          }}
          onClose={() => {
            closed += 1
          }}
          explainError={(err) =>
            err instanceof GatehouseApiError && err.code === 'LAST_OWNER' ? (
              <p>Make someone else an owner first.</p>
            ) : null
          }
        >
          <p>Remove ada@acme.test?</p>
        </ConfirmDialog>
      </NoticeProvider>,
    )
    const dialog = screen.getByRole('dialog', { name: 'Remove member' })
    // Destructive: the focus starts on Cancel.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }))
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }))
    })
    const alert = within(dialog).getByRole('alert')
    expect(alert.textContent).toContain('An organization must keep at least one owner')
    expect(alert.textContent).toContain('Make someone else an owner first.')
    expect(closed).toBe(0)
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }))
    })
    expect(closed).toBe(1)
  })
})

function ActionHarness({ fail }: { fail: boolean }) {
  const create = useAction(
    async () => {
      if (fail) {
        throw refusal()
      }
      return { name: 'ci' }
    },
    { success: (key) => `Key ${key.name} created` },
  )
  return (
    <Button pending={create.pending} onClick={() => create.run()}>
      Create key
    </Button>
  )
}

describe('useAction and the notice area', () => {
  it("puts the API's own message in an alert, with the request id", async () => {
    render(
      <NoticeProvider>
        <ActionHarness fail />
      </NoticeProvider>,
    )
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create key' }))
    })
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('API keys cannot create API keys')
    expect(alert.textContent).toContain('req-7')
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }))
    expect(screen.getByRole('alert').textContent).toBe('')
  })

  it('announces success politely with the text made from the result', async () => {
    render(
      <NoticeProvider>
        <ActionHarness fail={false} />
      </NoticeProvider>,
    )
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create key' }))
    })
    expect(screen.getByRole('status').textContent).toContain('Key ci created')
    expect(screen.getByRole('alert').textContent).toBe('')
  })
})

describe('Table', () => {
  const rows = [
    { id: '1', name: 'web' },
    { id: '2', name: 'api' },
  ]
  const columns: Column<{ id: string; name: string }>[] = [
    { key: 'name', header: 'Name', render: (r) => r.name },
  ]

  it('has a caption and column headers', () => {
    render(<Table caption="Projects" columns={columns} rows={rows} rowKey={(r) => r.id} />)
    const table = screen.getByRole('table', { name: 'Projects' })
    expect(within(table).getByRole('columnheader', { name: 'Name' })).toBeDefined()
    expect(within(table).getAllByRole('row')).toHaveLength(3)
  })

  it('shows the empty state instead of an empty table', () => {
    render(
      <Table
        caption="Projects"
        columns={columns}
        rows={[]}
        rowKey={(r) => r.id}
        empty={<p>No projects yet</p>}
      />,
    )
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByText('No projects yet')).toBeDefined()
  })
})
