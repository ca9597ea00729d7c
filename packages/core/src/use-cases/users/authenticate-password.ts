import { assertPasswordHashable } from '../../credentials/password-policy.js'
import type { User } from '../../model/entities.js'
import type { Deps, PasswordHasher } from '../../ports.js'

export interface AuthenticatePasswordInput {
  readonly email: string
  readonly password: string
}

/**
 * A hash of a password nobody knows, made once per hasher so that it carries that hasher's
 * algorithm and cost: verifying against it takes as long as verifying a real account.
 */
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>()

function dummyHash(passwords: PasswordHasher): Promise<string> {
  let hash = dummyHashes.get(passwords)
  if (hash === undefined) {
    hash = passwords.hash('gatehouse-dummy-password-that-no-account-has')
    dummyHashes.set(passwords, hash)
  }
  return hash
}

/**
 * The person with this email and password, or undefined. Unknown emails, accounts without a
 * password and service accounts (which never log in) run a verification too, so neither the
 * answer nor its timing tells whether an account exists.
 * @throws PASSWORD_TOO_LONG
 */
export async function authenticatePassword(
  deps: Deps,
  input: AuthenticatePasswordInput,
): Promise<User | undefined> {
  assertPasswordHashable(input.password)
  const email = input.email.trim().toLowerCase()
  const user = await deps.store.transaction((tx) => tx.users.findByEmail(email))
  if (
    user === undefined ||
    user.kind !== 'user' ||
    user.deletedAt !== null ||
    user.passwordHash === null
  ) {
    await deps.passwords.verify(input.password, await dummyHash(deps.passwords))
    return undefined
  }
  return (await deps.passwords.verify(input.password, user.passwordHash)) ? user : undefined
}
