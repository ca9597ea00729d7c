import type { AuthorizeRequest } from '@gatehouse/contract'
import type { AuthorizeInput, PageQuery, SearchQuery } from '@gatehouse/core'
import type { z } from 'zod'
import type { AppContext } from './context.js'
import { invalidRequest } from './errors.js'

/** The caps on one request (docs/operations.md lists them). */
export { LIMITS } from '@gatehouse/contract'

/** The reference API's paging parameters (and a searched list's `q`), camelCased for core. */
export function pageOf(query: {
  limit?: number | undefined
  starting_after?: string | undefined
  ending_before?: string | undefined
  ids?: string[] | undefined
  q?: string | undefined
}): PageQuery & SearchQuery {
  if (query.starting_after !== undefined && query.ending_before !== undefined) {
    throw invalidRequest('starting_after and ending_before cannot be used together')
  }
  return {
    limit: query.limit,
    startingAfter: query.starting_after,
    endingBefore: query.ending_before,
    ids: query.ids,
    search: query.q,
  }
}

/** `POST /v1/authorize`'s body, either form, as the use case's input (both paths read it so). */
export function authorizeInputOf(body: z.infer<typeof AuthorizeRequest>): AuthorizeInput {
  const checks = body.checks ?? [body]
  return {
    orgName: body.org_name,
    explain: body.explain,
    checks: checks.map((ch) => {
      if (
        ch.permission === undefined ||
        ch.object_type === undefined ||
        ch.object_id === undefined
      ) {
        // The schema refuses such a body; this keeps the types honest.
        throw invalidRequest('a check needs permission, object_type and object_id')
      }
      return {
        permission: ch.permission,
        objectType: ch.object_type,
        objectId: ch.object_id,
        projectId: ch.project_id,
      }
    }),
  }
}

/** Marks a create-or-return-existing response that found the object (`x-bt-found-existing`). */
export function foundExisting(c: AppContext, found: boolean): void {
  if (found) {
    c.header('x-bt-found-existing', 'true')
  }
}

/** An ISO date-time from the wire as epoch ms (null and absent pass through). */
export function msOf(value: string | null | undefined): number | null | undefined {
  return value === undefined || value === null ? value : Date.parse(value)
}

/** `{ 'application/json': { schema } }` — the one content type of this API. */
export function json<T>(schema: T) {
  return { 'application/json': { schema } }
}
