import {
  type AuditEvent,
  createApiKey,
  createRole,
  type Group,
  loadEvaluator,
  type Organization,
  PERMISSIONS,
  type Role,
  SYSTEM_ROLE_IDS,
} from '@gatehouse/core'
import { addMember, auditEvents, grantAcl, seedOrg, sessionActor } from '@gatehouse/core/testing'
import { expect, it } from 'vitest'
import { type Credential, describeHttp, type Harness, type Reply } from '../testing/harness.js'

/*
 * Every rule that spans rows, attacked the way a race finds it: the conflicting requests leave
 * together, over real connections, many rounds, and the invariant is read from storage after
 * each round. A suite that sent one request at a time would prove nothing here. On SQLite the
 * writers are serialised by the database; on PostgreSQL by the per-org write lock.
 */

const ROUNDS = Number(process.env.GATEHOUSE_RACE_ROUNDS ?? 50)
/** Each test runs all its rounds; on a loaded 2-core machine PostgreSQL needs the time. */
const TIMEOUT_MS = 240_000

/** Fires the requests together: all are on the wire before any answer is awaited. */
function together(...requests: Promise<Reply>[]): Promise<Reply[]> {
  return Promise.all(requests)
}

/** Yields to the event loop until `done` holds; the test's timeout bounds it. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) {
    await new Promise((resolve) => setImmediate(resolve))
  }
}

function ok(reply: Reply): boolean {
  return reply.status >= 200 && reply.status < 300
}

/** Every answer is a success or one of the rule's refusals, never a 5xx. */
function expectNoServerError(replies: Reply[]): void {
  for (const reply of replies) {
    expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500)
  }
}

async function ownersOf(h: Harness, org: Organization): Promise<string[]> {
  return h.deps.store.transaction(async (tx) => {
    const live = await tx.orgs.find(org.id)
    if (live === undefined) {
      throw new Error('the org is gone')
    }
    const ev = await loadEvaluator(tx, live)
    const users = await tx.users.findMany([...ev.world.members])
    return users.filter((u) => u.kind === 'user' && ev.isOwner(u.id)).map((u) => u.id)
  })
}

/** An owner besides the org's first, holding ownership the way `grant` gives it. */
interface TwoOwners {
  org: Organization
  owners: Group
  a: { id: string; key: Credential }
  b: { id: string; key: Credential }
}

async function keyFor(h: Harness, userId: string, org: Organization): Promise<Credential> {
  const { secret } = await createApiKey(h.deps, sessionActor(userId), {
    name: 'race',
    orgId: org.id,
  })
  return { bearer: secret }
}

/** A fresh org whose first owner (a) is in Owners; b becomes an owner through `grant`. */
async function twoOwners(
  h: Harness,
  grant: (org: Organization, bId: string, owners: Group) => Promise<void>,
): Promise<TwoOwners> {
  // Each round needs an org of its own: with an owner left over from another round, the
  // invariant would hold whatever the code did. No logins: keys are enough and cheaper.
  const seeded = await seedOrg(h.deps)
  const bUser = await addMember(h.deps, seeded.org)
  await grant(seeded.org, bUser.id, seeded.groups.owners)
  return {
    org: seeded.org,
    owners: seeded.groups.owners,
    a: { id: seeded.owner.id, key: await keyFor(h, seeded.owner.id, seeded.org) },
    b: { id: bUser.id, key: await keyFor(h, bUser.id, seeded.org) },
  }
}

function removeFromGroup(h: Harness, auth: Credential, groupId: string, userId: string) {
  return h.request('PATCH', `/v1/group/${groupId}`, {
    auth,
    body: { remove_member_users: [userId] },
  })
}

async function ownerRoleAcl(h: Harness, org: Organization, userId: string) {
  return grantAcl(h.deps, org, {
    objectType: 'organization',
    objectId: org.id,
    userId,
    roleId: SYSTEM_ROLE_IDS.owner,
  })
}

async function allPermissionRole(h: Harness, org: Organization, ownerId: string) {
  const { role } = await createRole(h.deps, sessionActor(ownerId), {
    orgId: org.id,
    name: `all-${Math.random().toString(36).slice(2)}`,
    memberPermissions: PERMISSIONS.map((permission) => ({
      permission,
      restrictObjectType: null,
    })),
  })
  return role
}

async function expectOwnerLeft(h: Harness, org: Organization, replies: Reply[]): Promise<void> {
  expectNoServerError(replies)
  const owners = await ownersOf(h, org)
  expect(owners.length, `answers ${replies.map((r) => r.status).join(', ')}`).toBeGreaterThan(0)
}

/** The audit events of `action`, in chain order. */
async function eventsOf(h: Harness, org: Organization, action: string): Promise<AuditEvent[]> {
  const events = await auditEvents(h.deps, org.id)
  return events.filter((e) => e.action === action && e.outcome === 'success')
}

describeHttp('races on rules that span rows', (h) => {
  it(
    `last owner, Owners group on both sides: ${ROUNDS} rounds`,
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const t = await twoOwners(h(), async (org, b, owners) => {
          await h().deps.store.transaction(async (tx) => {
            const group = await tx.groups.find(owners.id)
            if (group === undefined) {
              throw new Error('no Owners')
            }
            await tx.groups.update({ ...group, memberUsers: [...group.memberUsers, b] })
            await tx.orgs.bumpAuthzVersion(org.id)
          })
        })
        const replies = await together(
          removeFromGroup(h(), t.a.key, t.owners.id, t.b.id),
          removeFromGroup(h(), t.b.key, t.owners.id, t.a.id),
        )
        await expectOwnerLeft(h(), t.org, replies)
      }
    },
    TIMEOUT_MS,
  )

  it(
    `last owner, a direct Owner-role ACL against the Owners group: ${ROUNDS} rounds`,
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        let aclId = ''
        const t = await twoOwners(h(), async (org, b) => {
          aclId = (await ownerRoleAcl(h(), org, b)).id
        })
        const replies = await together(
          h().request('DELETE', `/v1/acl/${aclId}`, { auth: t.a.key }),
          removeFromGroup(h(), t.b.key, t.owners.id, t.a.id),
        )
        await expectOwnerLeft(h(), t.org, replies)
      }
    },
    TIMEOUT_MS,
  )

  it(
    `last owner, a custom all-permission role: ${ROUNDS} rounds`,
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        let aclId = ''
        const t = await twoOwners(h(), async (org, b) => {
          const w = await h().deps.store.transaction((tx) => tx.members.listByOrg(org.id))
          const role = await allPermissionRole(h(), org, w[0]?.userId ?? '')
          aclId = (
            await grantAcl(h().deps, org, {
              objectType: 'organization',
              objectId: org.id,
              userId: b,
              roleId: role.id,
            })
          ).id
        })
        const replies = await together(
          h().request('DELETE', `/v1/acl/${aclId}`, { auth: t.a.key }),
          removeFromGroup(h(), t.b.key, t.owners.id, t.a.id),
        )
        await expectOwnerLeft(h(), t.org, replies)
      }
    },
    TIMEOUT_MS,
  )

  it(
    `last owner, each removing the other from the org: ${ROUNDS} rounds`,
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const t = await twoOwners(h(), async (org, b) => {
          await ownerRoleAcl(h(), org, b)
        })
        const remove = (auth: Credential, id: string) =>
          h().request('PATCH', '/v1/organization/members', {
            auth,
            body: { org_id: t.org.id, remove_users: { ids: [id] } },
          })
        const replies = await together(remove(t.a.key, t.b.id), remove(t.b.key, t.a.id))
        await expectOwnerLeft(h(), t.org, replies)
      }
    },
    TIMEOUT_MS,
  )

  it(
    `last owner, deleting the group that makes the other an owner: ${ROUNDS} rounds`,
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        let groupId = ''
        const t = await twoOwners(h(), async (org, b) => {
          const id = h().deps.crypto.uuid()
          groupId = id
          await h().deps.store.transaction(async (tx) => {
            await tx.groups.insert({
              id,
              orgId: org.id,
              userId: null,
              name: `owners-too-${id.slice(0, 8)}`,
              description: null,
              builtin: null,
              memberUsers: [b],
              memberGroups: [],
              createdAt: h().deps.clock.now(),
              deletedAt: null,
            })
          })
          await grantAcl(h().deps, org, {
            objectType: 'organization',
            objectId: org.id,
            groupId: id,
            roleId: SYSTEM_ROLE_IDS.owner,
          })
        })
        const replies = await together(
          h().request('DELETE', `/v1/group/${groupId}`, { auth: t.a.key }),
          removeFromGroup(h(), t.b.key, t.owners.id, t.a.id),
        )
        await expectOwnerLeft(h(), t.org, replies)
      }
    },
    TIMEOUT_MS,
  )

  it(
    `last owner, editing the role that makes the other an owner: ${ROUNDS} rounds`,
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        let roleId = ''
        const t = await twoOwners(h(), async (org, b) => {
          const members = await h().deps.store.transaction((tx) => tx.members.listByOrg(org.id))
          const role = await allPermissionRole(h(), org, members[0]?.userId ?? '')
          roleId = role.id
          await grantAcl(h().deps, org, {
            objectType: 'organization',
            objectId: org.id,
            userId: b,
            roleId: role.id,
          })
        })
        const replies = await together(
          h().request('PATCH', `/v1/role/${roleId}`, {
            auth: t.a.key,
            body: {
              remove_member_permissions: [
                { permission: 'delete_acls', restrict_object_type: null },
              ],
            },
          }),
          removeFromGroup(h(), t.b.key, t.owners.id, t.a.id),
        )
        await expectOwnerLeft(h(), t.org, replies)
      }
    },
    TIMEOUT_MS,
  )

  it(
    `a removal and an addition on one group both land: ${ROUNDS} rounds`,
    async () => {
      const w = await h().world()
      for (let round = 0; round < ROUNDS; round++) {
        const engineers = w.groups.engineers
        if (engineers === undefined) {
          throw new Error('an enterprise org has Engineers')
        }
        const leaving = await addMember(h().deps, w.org, { groups: [engineers] })
        const joining = await addMember(h().deps, w.org)
        const replies = await together(
          removeFromGroup(h(), w.owner.key, engineers.id, leaving.id),
          h().request('PATCH', `/v1/group/${engineers.id}`, {
            auth: w.owner.session,
            body: { add_member_users: [joining.id] },
          }),
        )
        expect(replies.map((r) => r.status)).toEqual([200, 200])
        const after = await h().deps.store.transaction((tx) => tx.groups.find(engineers.id))
        expect(after?.memberUsers).toContain(joining.id)
        expect(after?.memberUsers).not.toContain(leaving.id)
        // Each event's `before` is the state the other left, not the one both read.
        const events = (await eventsOf(h(), w.org, 'group.update')).slice(-2)
        const [first, second] = events
        expect(first?.objectId).toBe(engineers.id)
        expect(second?.before).toEqual(first?.after)
      }
    },
    TIMEOUT_MS,
  )

  const NESTING = {
    group: { body: {}, field: 'add_member_groups', members: (g: Group) => g.memberGroups },
    role: {
      body: { member_permissions: [{ permission: 'read' }] },
      field: 'add_member_roles',
      members: (r: Role) => r.memberRoles,
    },
  } as const
  for (const kind of ['group', 'role'] as const) {
    it(
      `${kind} cycles: A→B and B→A at once: ${ROUNDS} rounds`,
      async () => {
        const w = await h().world()
        const { body, field } = NESTING[kind]
        for (let round = 0; round < ROUNDS; round++) {
          const make = async (name: string) => {
            const reply = await h().request<{ id: string }>('POST', `/v1/${kind}`, {
              auth: w.owner.key,
              body: { name, ...body },
            })
            return reply.body.id
          }
          const [a, b] = [await make(`a-${round}`), await make(`b-${round}`)]
          const nest = (outer: string, inner: string) =>
            h().request('PATCH', `/v1/${kind}/${outer}`, {
              auth: w.owner.key,
              body: { [field]: [inner] },
            })
          const replies = await together(nest(a, b), nest(b, a))
          expectNoServerError(replies)
          const inside = await h().deps.store.transaction(async (tx) => {
            const members = async (id: string): Promise<readonly string[]> => {
              if (kind === 'group') {
                const g = await tx.groups.find(id)
                return g === undefined ? [] : NESTING.group.members(g)
              }
              const r = await tx.roles.find(id)
              return r === undefined ? [] : NESTING.role.members(r)
            }
            return [await members(a), await members(b)]
          })
          const cycle = (inside[0]?.includes(b) ?? false) && (inside[1]?.includes(a) ?? false)
          expect(cycle, `answers ${replies.map((r) => r.status)}`).toBe(false)
          expect(replies.filter(ok)).toHaveLength(1)
        }
      },
      TIMEOUT_MS,
    )
  }

  for (const [resource, method] of [
    ['project', 'POST'],
    ['group', 'POST'],
    ['group', 'PUT'],
    ['role', 'POST'],
    ['role', 'PUT'],
  ] as const) {
    it(
      `create-by-name, 8 × ${method} /v1/${resource} of one name: ${ROUNDS} rounds`,
      async () => {
        const w = await h().world()
        for (let round = 0; round < ROUNDS; round++) {
          const body = { name: `same name ${round}` }
          const replies = await together(
            ...Array.from({ length: 8 }, () =>
              h().request<{ id: string }>(method, `/v1/${resource}`, { auth: w.owner.key, body }),
            ),
          )
          expectNoServerError(replies)
          const query = { orgId: w.org.id, name: body.name, limit: 100 }
          const named: { id: string }[] = await h().deps.store.transaction(
            async (tx): Promise<{ id: string }[]> =>
              resource === 'project'
                ? tx.projects.list(query)
                : resource === 'group'
                  ? tx.groups.list(query)
                  : tx.roles.list(query),
          )
          expect(named).toHaveLength(1)
          if (method === 'POST') {
            // Idempotent create: everyone is told about the one that exists.
            expect(new Set(replies.map((r) => (r.body as { id: string }).id))).toEqual(
              new Set([named[0]?.id]),
            )
          }
        }
      },
      TIMEOUT_MS,
    )
  }

  it(
    `an invitation accepted twice at once: ${ROUNDS} rounds`,
    async () => {
      const w = await h().world()
      for (let round = 0; round < ROUNDS; round++) {
        const email = `invitee-${h().deps.crypto.uuid().slice(0, 8)}@example.com`
        const invited = await h().request<{ invitations: { invite_url: string }[] }>(
          'PATCH',
          '/v1/organization/members',
          {
            auth: w.owner.session,
            body: { invite_users: { emails: [email], group_ids: [w.groups.owners.id] } },
          },
        )
        expect(invited.status, JSON.stringify(invited.body)).toBe(200)
        const url = invited.body.invitations[0]?.invite_url ?? ''
        const token = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1))
        const accept = () =>
          h().request('POST', '/v1/invitation/accept', {
            body: { token, password: 'a long enough password' },
          })
        const replies = await together(accept(), accept())
        expectNoServerError(replies)
        expect(replies.filter(ok), `answers ${replies.map((r) => r.status)}`).toHaveLength(1)
        const joined = await h().deps.store.transaction(async (tx) => {
          const user = await tx.users.findByEmail(email)
          return user === undefined ? undefined : await tx.members.find(w.org.id, user.id)
        })
        expect(joined).toBeDefined()
        const accepts = await eventsOf(h(), w.org, 'invitation.accept')
        expect(accepts.filter((e) => e.objectId === joined?.userId)).toHaveLength(1)
      }
    },
    TIMEOUT_MS,
  )

  it(
    `a grant racing the revocation of the granter's right: ${ROUNDS} rounds`,
    async () => {
      const w = await h().world()
      for (let round = 0; round < ROUNDS; round++) {
        const project = await h().request<{ id: string }>('POST', '/v1/project', {
          auth: w.owner.key,
          body: { name: `p-${round}` },
        })
        const projectId = project.body.id
        const granter = await addMember(h().deps, w.org)
        const grantee = await addMember(h().deps, w.org)
        const granterAcls = await Promise.all(
          (['read', 'create_acls'] as const).map((permission) =>
            grantAcl(h().deps, w.org, {
              objectType: 'project',
              objectId: projectId,
              userId: granter.id,
              permission,
            }),
          ),
        )
        const key = await keyFor(h(), granter.id, w.org)
        const replies = await together(
          h().request('POST', '/v1/acl', {
            auth: key,
            body: {
              object_type: 'project',
              object_id: projectId,
              user_id: grantee.id,
              permission: 'read',
            },
          }),
          h().request('POST', '/v1/acl/batch_update', {
            auth: w.owner.key,
            body: {
              remove_acls: granterAcls.map((a) => ({
                object_type: 'project',
                object_id: projectId,
                user_id: granter.id,
                permission: a.permission,
              })),
            },
          }),
        )
        expectNoServerError(replies)
        const [grant, revoke] = replies
        expect(revoke?.status).toBe(200)
        if (grant !== undefined && ok(grant)) {
          // The grant holds only if it committed while the granter still held the right: its
          // event comes before the revocation's in the org's chain.
          const events = await auditEvents(h().deps, w.org.id)
          const granted = events.find(
            (e) =>
              e.action === 'acl.create' && (e.after as { userId?: string }).userId === grantee.id,
          )
          const revokedIds = new Set(granterAcls.map((a) => a.id))
          const revoked = events.filter(
            (e) => e.action === 'acl.delete' && revokedIds.has(e.objectId ?? ''),
          )
          expect(revoked).toHaveLength(2)
          expect(granted?.seq).toBeLessThan(Math.min(...revoked.map((e) => e.seq)))
        }
      }
    },
    TIMEOUT_MS,
  )

  it(
    `a key revoked while 32 connections use it: no 2xx after the revoke's answer (${ROUNDS} rounds)`,
    async () => {
      const w = await h().world()
      for (let round = 0; round < ROUNDS; round++) {
        const project = await h().request<{ id: string }>('POST', '/v1/project', {
          auth: w.owner.key,
          body: { name: 'p' },
        })
        const { apiKey, secret } = await createApiKey(h().deps, sessionActor(w.owner.user), {
          name: 'doomed',
          orgId: w.org.id,
        })
        const check = {
          permission: 'read',
          object_type: 'project',
          object_id: project.body.id,
        }
        let revokedAt = Number.POSITIVE_INFINITY
        let stop = false
        const lateSuccesses: number[] = []
        let answered = 0
        let answeredAfterRevoke = 0
        const worker = async () => {
          while (!stop) {
            const sentAt = performance.now()
            const reply = await h().request('POST', '/v1/authorize', {
              auth: { bearer: secret },
              body: check,
            })
            answered++
            if (sentAt > revokedAt) {
              answeredAfterRevoke++
              if (ok(reply)) {
                lateSuccesses.push(reply.status)
              } else {
                expect(reply.status).toBe(401)
              }
            }
          }
        }
        // Waits on counts, not on time: a busy machine slows the round, it cannot thin it.
        const workers = Array.from({ length: 32 }, worker)
        await until(() => answered >= 32)
        const revoke = await h().request('DELETE', `/v1/api_key/${apiKey.id}`, {
          auth: w.owner.session,
        })
        revokedAt = performance.now()
        expect(revoke.status).toBe(200)
        await until(() => answeredAfterRevoke >= 32)
        stop = true
        await Promise.all(workers)
        expect(lateSuccesses).toEqual([])
      }
    },
    TIMEOUT_MS,
  )
})
