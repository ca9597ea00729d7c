/**
 * True when making `members` children of `id` would close a loop: `id` is among them or
 * reachable from one of them through `childrenOf`. Groups (member_groups) and roles
 * (member_roles) both refuse such writes.
 */
export function wouldCycle(
  id: string,
  members: readonly string[],
  childrenOf: (id: string) => readonly string[] | undefined,
): boolean {
  const seen = new Set<string>()
  const stack = [...members]
  while (stack.length > 0) {
    const next = stack.pop() as string
    if (next === id) {
      return true
    }
    if (!seen.has(next)) {
      seen.add(next)
      stack.push(...(childrenOf(next) ?? []))
    }
  }
  return false
}
