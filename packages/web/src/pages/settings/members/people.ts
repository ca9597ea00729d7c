/** The fields a person's name is made from, as users and the session carry them. */
export interface NamedUser {
  readonly id: string
  readonly given_name: string | null
  readonly family_name: string | null
  readonly email: string | null
}

/** "Ada Lovelace", else the email, else the id: how the pages name a member. */
export function personName(user: NamedUser): string {
  const name = [user.given_name, user.family_name]
    .filter((part): part is string => part !== null && part.trim() !== '')
    .join(' ')
  return name !== '' ? name : (user.email ?? user.id)
}

/** A lookup from id to name, with a fallback that still says what the id is. */
export function namesById(users: readonly NamedUser[]): (id: string | null) => string {
  const names = new Map(users.map((u) => [u.id, personName(u)]))
  return (id) => (id === null ? '—' : (names.get(id) ?? `Former member (${id.slice(0, 8)})`))
}
