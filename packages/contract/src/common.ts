import {
  DATA_PLANE_ID_TYPES,
  hasDataPlaneId,
  OBJECT_TYPES,
  PERMISSIONS,
  PLANS,
} from '@gatehouse/core'
import { z } from 'zod'

/** UUIDs on the wire, as in the reference API. */
export const Uuid = z.uuid()

/** ISO 8601 date-time strings on the wire; epoch milliseconds inside. */
export const DateTime = z.iso.datetime({ offset: true })

export const Permission = z.enum(PERMISSIONS).meta({
  id: 'Permission',
  description: 'A permission an ACL or role grants',
})

export const AclObjectType = z.enum(OBJECT_TYPES).meta({
  id: 'AclObjectType',
  description: 'The type of object an ACL is on',
})

export const Plan = z.enum(PLANS).meta({ id: 'Plan', description: "An organization's plan" })

/**
 * Every free-text string a request carries is built from this. NUL (U+0000) cannot be stored in
 * a PostgreSQL text column (the driver fails the whole statement), and no name, address or
 * filter needs it: refusing it here, once, gives every route the same 400 on both databases.
 * A pattern rather than a refinement, so that the OpenAPI document states the rule too.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
export const NO_NUL = /^[^\u0000]*$/

export function text() {
  return z.string().regex(NO_NUL, { error: 'Must not contain the NUL character (U+0000)' })
}

/** Control characters besides NUL (which text() refuses): ids end up in logs and cache keys. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const CONTROL = /[\u0001-\u001f\u007f]/

/**
 * An ACL's or a check's object id: a UUID for Gatehouse's own objects, the data plane's own id
 * (1 to 128 characters) for the types in DATA_PLANE_ID_TYPES. The object's schema
 * applies the type rule with {@link uuidUnlessDataPlane}.
 */
export const ObjectId = text()
  .min(1)
  .max(128)
  .refine((id) => !CONTROL.test(id), { error: 'Must not contain control characters' })
  .meta({
    description: `A UUID; for ${DATA_PLANE_ID_TYPES.join(', ')} the data plane's own id (1 to 128 characters, no control characters)`,
  })

/** Adds an issue at `path` unless `objectId` is a UUID or `objectType` has data-plane ids. */
export function uuidUnlessDataPlane(
  ctx: z.RefinementCtx,
  objectType: string | undefined,
  objectId: string | undefined,
  path: string,
): void {
  if (objectType === undefined || objectId === undefined || hasDataPlaneId(objectType)) {
    return
  }
  if (!Uuid.safeParse(objectId).success) {
    ctx.addIssue({ code: 'custom', path: [path], message: `Must be a UUID for ${objectType}` })
  }
}

/**
 * The caps on one request, refused with 400 VALIDATION_FAILED above them (never clamped: a
 * caller that asked for more learns it, rather than silently getting less). docs/operations.md
 * lists them; the tests send exactly each cap and one more.
 */
export const LIMITS = {
  /** `limit` on every list. */
  page: 1000,
  /** Values of a repeated query parameter (`ids`, `email`): 100 UUIDs still fit the URL. */
  repeated: 100,
  /** Each member list of a group in one request (create, replace, add, remove). */
  groupMembers: 1000,
  /** Each permission or inherited-role list of a role in one request. */
  roleMembers: 100,
  /** `add_acls` and `remove_acls` of `/v1/acl/batch_update`, each. */
  aclBatch: 1000,
  /** Each list of `/v1/organization/members` (invitations, removals, service accounts, groups). */
  members: 100,
  /** Characters of a list's `q` search (longer than any searched field it could match). */
  search: 256,
  /** `checks` of `/v1/authorize`. */
  authorizeChecks: 100,
  /** Nesting of a free-form JSON field (a project's settings). */
  jsonDepth: 32,
} as const

/** How deep `value` nests, counted without recursion (the input may nest very deeply). */
function depthOf(value: unknown): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number]
    if (typeof current !== 'object' || current === null) {
      continue
    }
    deepest = Math.max(deepest, depth + 1)
    if (deepest > LIMITS.jsonDepth) {
      return deepest
    }
    for (const child of Object.values(current)) {
      stack.push([child, depth + 1])
    }
  }
  return deepest
}

/** Any JSON value, the strings in it (keys too) without NUL, nested at most LIMITS.jsonDepth deep. */
function jsonFree(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const current = stack.pop()
    if (typeof current === 'string') {
      if (current.includes('\0')) {
        return false
      }
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\0')) {
          return false
        }
        stack.push(child)
      }
    }
  }
  return true
}

/** A free-form JSON object (a project's settings): bounded in depth, no NUL anywhere in it. */
export const JsonObject = z
  .record(text(), z.unknown())
  .refine((value) => depthOf(value) <= LIMITS.jsonDepth, {
    error: `Must not nest more than ${LIMITS.jsonDepth} levels deep`,
  })
  .refine(jsonFree, { error: 'Must not contain the NUL character (U+0000)' })

/** A query parameter that may repeat: `?ids=a&ids=b` arrives as an array, `?ids=a` as a string. */
export function repeated<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item).max(LIMITS.repeated),
  )
}

/** Lists are newest first; `starting_after` pages to older items, `ending_before` to newer. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(0)
    .max(LIMITS.page)
    .optional()
    .meta({ description: `At most this many objects (0 to ${LIMITS.page}; more is refused)` }),
  starting_after: Uuid.optional().meta({ description: 'Cursor: objects older than this id' }),
  ending_before: Uuid.optional().meta({ description: 'Cursor: objects newer than this id' }),
  ids: repeated(Uuid)
    .optional()
    .meta({ description: `Only these ids (repeat the parameter; at most ${LIMITS.repeated})` }),
})

export const OrgName = text().min(1).max(256)

/**
 * A list's `q`: the rows whose human fields contain it, ignoring case (which fields, each
 * route's description says). `%`, `_` and `\` match themselves; empty means no filter. Paging
 * applies within the matches. Too long is refused, not cut.
 */
export function searchParam(fields: string) {
  return text()
    .max(LIMITS.search)
    .optional()
    .meta({
      description:
        `Search: a case-insensitive substring of ${fields} (at most ${LIMITS.search} characters; ` +
        '`%` and `_` match themselves). Paging applies within the matches.',
    })
}

/** `{ objects: [...] }`, the reference API's list envelope. */
export function listOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ objects: z.array(item) }).meta({ id })
}

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'A stable, specific code, e.g. PERMISSION_DENIED' }),
      message: z.string().meta({ description: "The rule's message, word for word" }),
      request_id: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error response' })
