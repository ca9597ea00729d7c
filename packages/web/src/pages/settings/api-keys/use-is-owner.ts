import { useCallback } from 'react'
import { useClient } from '../../../api.js'
import { useOrg } from '../../../session.js'
import { useLoad } from '../../../ui/index.js'

const ALL = [
  'create',
  'read',
  'update',
  'delete',
  'create_acls',
  'read_acls',
  'update_acls',
  'delete_acls',
] as const

/**
 * Whether the caller is an owner of the current org, asked of the API (an owner holds every
 * permission on the organization): undefined while asking, false when the API says no or fails.
 * Only decides what to show; the API still refuses what a non-owner may not do.
 */
export function useIsOwner(): boolean | undefined {
  const client = useClient()
  const { org } = useOrg()
  const state = useLoad(
    useCallback(async () => {
      try {
        const answer = await client.authorize({
          org_name: org.name,
          checks: ALL.map((permission) => ({
            permission,
            object_type: 'organization' as const,
            object_id: org.id,
          })),
        })
        return answer.results.every((r) => r.allowed)
      } catch {
        return false
      }
    }, [client, org.name, org.id]),
  )
  return state.data
}
