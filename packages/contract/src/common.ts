import { OBJECT_TYPES, PERMISSIONS, PLANS } from '@gatehouse/core'
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

/** A query parameter that may repeat: `?ids=a&ids=b` arrives as an array, `?ids=a` as a string. */
export function repeated<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item).max(1000),
  )
}

/** Lists are newest first; `starting_after` pages to older items, `ending_before` to newer. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(0).max(1000).optional().meta({
    description: 'At most this many objects (0 to 1000)',
  }),
  starting_after: Uuid.optional().meta({ description: 'Cursor: objects older than this id' }),
  ending_before: Uuid.optional().meta({ description: 'Cursor: objects newer than this id' }),
  ids: repeated(Uuid).optional().meta({ description: 'Only these ids (repeat the parameter)' }),
})

export const OrgName = z.string().min(1).max(256)

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
