import { SYSTEM_ROLES } from '@gatehouse/core'
import type { MemorySink } from '../world/memory-sink.js'
import type { Row } from '../world/tables.js'
import type { SampledKey } from '../world/world-sample.js'

const text = (row: Row, column: number) => row[column] as string
const maybe = (row: Row, column: number) => (row[column] as string | null) ?? null

/**
 * The same world as casbin's RBAC-with-domains policy: group memberships and nesting become
 * `g` links in the org's domain; each ACL becomes one `p` line per permission (roles expanded,
 * inherited roles too) per object (an org-wide grant is repeated on each project, as that model
 * has no object hierarchy). Requests are the sampled keys' checks. Casbin answers differ from
 * Gatehouse's where the model lacks inheritance; the comparison is of cost at a policy size.
 */
export function casbinPoliciesOf(world: MemorySink, keys: readonly SampledKey[]): string {
  const lines: string[] = []
  const orgOfGroup = new Map(world.rowsOf('groups').map((g) => [text(g, 0), text(g, 1)]))
  for (const row of world.rowsOf('group_users')) {
    lines.push(`g, user:${text(row, 1)}, group:${text(row, 0)}, ${orgOfGroup.get(text(row, 0))}`)
  }
  for (const row of world.rowsOf('group_member_groups')) {
    const parent = text(row, 0)
    lines.push(`g, group:${text(row, 1)}, group:${parent}, ${orgOfGroup.get(parent)}`)
  }

  const permissions = new Map<string, string[]>()
  const inherits = new Map<string, string[]>()
  const add = (map: Map<string, string[]>, key: string, value: string) => {
    map.set(key, [...(map.get(key) ?? []), value])
  }
  for (const role of SYSTEM_ROLES) {
    for (const p of role.memberPermissions) {
      add(permissions, role.id, p.permission)
    }
  }
  for (const row of world.rowsOf('role_permissions')) {
    add(permissions, text(row, 0), text(row, 2))
  }
  for (const row of world.rowsOf('role_roles')) {
    add(inherits, text(row, 0), text(row, 1))
  }
  const expand = (roleId: string, seen = new Set<string>()): string[] => {
    seen.add(roleId)
    const inherited = (inherits.get(roleId) ?? []).filter((r) => !seen.has(r))
    return [...(permissions.get(roleId) ?? []), ...inherited.flatMap((r) => expand(r, seen))]
  }

  const projectsOf = new Map<string, string[]>()
  for (const row of world.rowsOf('projects')) {
    add(projectsOf, text(row, 1), text(row, 0))
  }
  for (const row of world.rowsOf('acls')) {
    const org = text(row, 1)
    const type = text(row, 2)
    const userId = maybe(row, 4)
    const subject = userId === null ? `group:${text(row, 5)}` : `user:${userId}`
    const permission = maybe(row, 6)
    const acts = permission === null ? expand(text(row, 7)) : [permission]
    const restrict = maybe(row, 8)
    const orgWide = type === 'organization' || type === 'org_project'
    const objects = orgWide ? (projectsOf.get(org) ?? []) : [text(row, 3)]
    for (const object of objects) {
      for (const act of new Set(acts)) {
        lines.push(
          `p, ${subject}, ${org}, ${restrict === null ? object : `${object}/${restrict}`}, ${act}`,
        )
      }
    }
  }
  for (const key of keys) {
    lines.push(
      `r, user:${key.userId}, ${key.orgId}, ${key.check.objectId}, ${key.check.permission}`,
    )
  }
  return `${lines.join('\n')}\n`
}
