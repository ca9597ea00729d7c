// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AddPicker } from './add-picker.js'
import { CreateNamedDialog } from './create-named-dialog.js'
import { DetailCard } from './detail-card.js'
import { OptionGroup } from './option-group.js'
import { RemovableList } from './removable-list.js'
import { useLatestCall } from './use-latest-call.js'
import { useListDetail } from './use-list-detail.js'
import { useNameField } from './use-name-field.js'

afterEach(() => {
  cleanup()
})

/** An AddPicker holding its own pick, as a page does. */
function Picker({ onAdd }: { onAdd: (value: string) => void }) {
  const [value, setValue] = useState('')
  return (
    <AddPicker
      label="Add a member"
      placeholder="Pick one"
      value={value}
      onChange={setValue}
      onAdd={onAdd}
      submitLabel="Add member"
      pending={false}
    >
      <option value="u1">Ann</option>
    </AddPicker>
  )
}

/** A CreateNamedDialog with its name field, as a page's create dialog has. */
function Create({
  save,
  onClose,
  reset,
}: {
  save: () => void
  onClose: () => void
  reset: () => void
}) {
  const field = useNameField('', 'Give it a name')
  return (
    <CreateNamedDialog
      open
      title="Create a thing"
      submitLabel="Create thing"
      field={field}
      nameHint="e.g. ci"
      action={{ pending: false, error: undefined, reset }}
      onSubmit={field.submitWith(save)}
      onClose={onClose}
    />
  )
}

describe('OptionGroup', () => {
  it('renders one option per item, and nothing for no items when asked to', () => {
    const { container } = render(
      <select>
        <OptionGroup
          label="Roles"
          items={['a', 'b']}
          value={(x) => `role:${x}`}
          text={(x) => x}
          disabled
        />
        <OptionGroup label="None" items={[]} value={String} text={String} />
        <OptionGroup label="Hidden" items={[]} value={String} text={String} hideWhenEmpty />
      </select>,
    )
    const groups = container.querySelectorAll('optgroup')
    expect([...groups].map((g) => g.label)).toEqual(['Roles', 'None'])
    const options = groups[0]?.querySelectorAll('option') ?? []
    expect([...options].map((o) => [o.value, o.textContent, o.disabled])).toEqual([
      ['role:a', 'a', true],
      ['role:b', 'b', true],
    ])
  })
})

describe('DetailCard', () => {
  it('is a section labelled by its heading', () => {
    render(
      <DetailCard titleId="t" title="Permissions" stack>
        <p>body</p>
      </DetailCard>,
    )
    const section = screen.getByRole('region', { name: 'Permissions' })
    expect(section.className).toBe('detail-card stack')
    expect(section.textContent).toContain('body')
  })
})

describe('RemovableList', () => {
  it('lists the items with a Remove button each, or says it is empty', () => {
    const onRemove = vi.fn()
    const { rerender } = render(
      <RemovableList
        ids={['1', '2']}
        text={(id) => `Item ${id}`}
        removeLabel={(id) => `Remove item ${id}`}
        onRemove={onRemove}
        empty="Nothing here."
      />,
    )
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Item 1Remove',
      'Item 2Remove',
    ])
    fireEvent.click(screen.getByRole('button', { name: 'Remove item 2' }))
    expect(onRemove).toHaveBeenCalledWith('2')
    rerender(
      <RemovableList
        ids={[]}
        text={String}
        removeLabel={String}
        onRemove={onRemove}
        empty="Nothing here."
      />,
    )
    expect(screen.queryByRole('list')).toBeNull()
    expect(screen.getByText('Nothing here.')).toBeDefined()
  })
})

describe('AddPicker', () => {
  it('adds the picked value, and waits for a pick', () => {
    const onAdd = vi.fn()
    render(<Picker onAdd={onAdd} />)
    const button = screen.getByRole('button', { name: 'Add member' })
    expect(button).toHaveProperty('disabled', true)
    fireEvent.change(screen.getByLabelText('Add a member'), { target: { value: 'u1' } })
    expect(button).toHaveProperty('disabled', false)
    fireEvent.click(button)
    expect(onAdd).toHaveBeenCalledWith('u1')
  })
})

describe('CreateNamedDialog with useNameField', () => {
  it('refuses a blank name, creates a named one, and forgets the refusal on close', () => {
    const save = vi.fn()
    const onClose = vi.fn()
    const reset = vi.fn()
    render(<Create save={save} onClose={onClose} reset={reset} />)
    expect(screen.getByRole('dialog', { name: 'Create a thing' })).toBeDefined()
    fireEvent.click(screen.getByRole('button', { name: 'Create thing' }))
    expect(screen.getByText('Give it a name')).toBeDefined()
    expect(save).not.toHaveBeenCalled()
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' ci ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create thing' }))
    expect(save).toHaveBeenCalledTimes(1)
    expect(screen.queryByText('Give it a name')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(reset).toHaveBeenCalledTimes(1)
    expect(onClose).toHaveBeenCalledTimes(1)
  })
})

describe('useLatestCall', () => {
  it('drops an older answer that arrives after a newer call', async () => {
    const { result } = renderHook(() => useLatestCall())
    const seen: string[] = []
    const report = {
      value: (v: string) => seen.push(v),
      error: (e: Error) => seen.push(`error ${e.message}`),
      settled: () => seen.push('settled'),
    }
    let finishSlow: (v: string) => void = () => {}
    const slow = result.current.run(
      () =>
        new Promise<string>((res) => {
          finishSlow = res
        }),
      report,
    )
    await act(() => result.current.run(() => Promise.resolve('new'), report))
    finishSlow('old')
    await act(() => slow)
    expect(seen).toEqual(['new', 'settled'])
    await act(() => result.current.run(() => Promise.reject(new Error('down')), report))
    expect(seen.slice(2)).toEqual(['error down', 'settled'])
    result.current.drop()
  })
})

describe('useListDetail', () => {
  it('opens an item in the address, keeps other parameters, and deletes back to the list', async () => {
    window.history.replaceState(null, '', '/settings/groups?org=acme')
    let finishReload = () => {}
    const reload = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finishReload = resolve
        }),
    )
    const { result } = renderHook(() =>
      useListDetail<{ id: string }>('/settings/groups', 'group', reload),
    )
    expect(result.current.selected).toBeNull()
    act(() => result.current.open('g 1'))
    expect(result.current.selected).toBe('g 1')
    expect(new URLSearchParams(window.location.search).get('org')).toBe('acme')
    act(() => result.current.setCreating(true))
    let opened: Promise<void> = Promise.resolve()
    act(() => {
      opened = result.current.created({ id: 'g2' })
    })
    expect(result.current.creating).toBe(false)
    expect(reload).toHaveBeenCalledTimes(1)
    // Not before the list holds it, or the page says it does not exist.
    expect(result.current.selected).toBe('g 1')
    await act(async () => {
      finishReload()
      await opened
    })
    expect(result.current.selected).toBe('g2')
    const remove = vi.fn(async () => {})
    await act(() => result.current.deleteWith(remove)())
    expect(remove).not.toHaveBeenCalled()
    act(() => result.current.setDeleting({ id: 'g2' }))
    reload.mockImplementation(async () => {})
    await act(() => result.current.deleteWith(remove)())
    expect(remove).toHaveBeenCalledWith('g2')
    expect(result.current.selected).toBeNull()
    expect(reload).toHaveBeenCalledTimes(2)
  })
})
