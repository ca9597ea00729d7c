import { expect } from 'vitest'
import { AppError, ERRORS, type ErrorCode, isAppError } from '../errors.js'
import type { ObjectType, Permission } from '../model/catalog.js'
import type { Acl, AuditEvent, Group, Organization, User } from '../model/entities.js'
import type { Deps } from '../ports.js'
import { addMember, auditEvents, grantAcl } from './fixtures.js'

/**
 * Awaits a refusal and checks both its code and its message, so a message drifting from the
 * error table fails the test. Returns the error for further checks.
 */
export async function expectError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  const appError = err as AppError
  expect(appError.code).toBe(code)
  expect(appError.message).toBe(ERRORS[code].message)
  return appError
}

/**
 * The code a promise is refused with, or undefined when it succeeds. Anything that is not an
 * AppError is thrown on: a crash must not pass for a missing refusal.
 */
export async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | undefined> {
  try {
    await promise
    return undefined
  } catch (err) {
    if (isAppError(err)) {
      return err.code
    }
    throw err
  }
}

/** The org's newest audit event: what the use case just recorded, success or denial. */
export async function lastEvent(deps: Deps, orgId: string): Promise<AuditEvent | undefined> {
  return (await auditEvents(deps, orgId)).at(-1)
}

/** One permission, a permission restricted to a child type, or a role. */
export type Grant =
  | Permission
  | { readonly permission: Permission; readonly restrictObjectType: ObjectType }
  | { readonly roleId: string }

function grantTo(
  deps: Deps,
  org: Organization,
  subject: { userId: string } | { groupId: string },
  objectType: ObjectType,
  objectId: string,
  grant: Grant,
): Promise<Acl> {
  return grantAcl(deps, org, {
    objectType,
    objectId,
    ...subject,
    ...(typeof grant === 'string' ? { permission: grant } : grant),
  })
}

/** {@link grantAcl} of `grant` on one object to one user. */
export function grantUser(
  deps: Deps,
  org: Organization,
  user: User,
  objectType: ObjectType,
  objectId: string,
  grant: Grant,
): Promise<Acl> {
  return grantTo(deps, org, { userId: user.id }, objectType, objectId, grant)
}

/** {@link grantAcl} of `grant` on one object to one group. */
export function grantGroup(
  deps: Deps,
  org: Organization,
  group: Group,
  objectType: ObjectType,
  objectId: string,
  grant: Grant,
): Promise<Acl> {
  return grantTo(deps, org, { groupId: group.id }, objectType, objectId, grant)
}

/**
 * A reader holding `read` on the object and a stranger in the same org holding nothing: the
 * pair that tells a 403 (something held) from a 404 (nothing held).
 */
export async function readerAndStranger(
  deps: Deps,
  org: Organization,
  objectType: ObjectType,
  objectId: string,
): Promise<{ reader: User; stranger: User; readAcl: Acl }> {
  const reader = await addMember(deps, org)
  const stranger = await addMember(deps, org)
  const readAcl = await grantUser(deps, org, reader, objectType, objectId, 'read')
  return { reader, stranger, readAcl }
}
