// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useSetToggle } from './use-set-toggle.js'

afterEach(() => {
  cleanup()
})

describe('useSetToggle', () => {
  it('starts from the initial values, adds and removes one at a time, and resets to the start', () => {
    const { result, rerender } = renderHook(({ initial }) => useSetToggle(initial), {
      initialProps: { initial: ['a'] },
    })
    const first = result.current.chosen
    expect([...first]).toEqual(['a'])

    act(() => result.current.toggle('b', true))
    expect([...result.current.chosen]).toEqual(['a', 'b'])
    expect(result.current.chosen).not.toBe(first)
    expect([...first]).toEqual(['a'])

    act(() => result.current.toggle('a', false))
    act(() => result.current.toggle('c', false))
    expect([...result.current.chosen]).toEqual(['b'])

    // A later initial is ignored, as with useState: the dialog keeps what was picked.
    rerender({ initial: ['z'] })
    expect([...result.current.chosen]).toEqual(['b'])

    act(() => result.current.reset())
    expect([...result.current.chosen]).toEqual(['a'])
  })

  it('starts empty without initial values', () => {
    const { result } = renderHook(() => useSetToggle<string>())
    expect(result.current.chosen.size).toBe(0)
    act(() => result.current.toggle('x', true))
    act(() => result.current.toggle('x', true))
    expect([...result.current.chosen]).toEqual(['x'])
  })
})
