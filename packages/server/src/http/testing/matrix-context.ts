import {
  createAcl,
  createApiKey,
  createGroup,
  createProject,
  createRole,
  createServiceAccount,
  createServiceToken,
  updateMembers,
} from '@gatehouse/core'
import type { Harness, Member, World } from './harness.js'

/*
 * The org the route matrix and the fuzzer attack: A (Enterprise) with one object of every kind
 * and two members who lack permissions, B beside it, and makers of fresh objects for requests
 * that change or destroy what they name.
 */

export interface MatrixContext {
  readonly h: Harness
  /** The org under attack (Enterprise), with fixtures of every kind. */
  readonly a: World
  /** The other tenant. */
  readonly b: World
  readonly nobody: Member
  readonly viewer: Member
  readonly project: string
  readonly group: string
  readonly role: string
  readonly acl: string
  readonly apiKey: string
  readonly serviceAccount: string
  readonly serviceToken: string
  readonly fresh: Fresh
}

export interface Fresh {
  name(prefix: string): string
  email(): string
  project(): Promise<string>
  group(): Promise<{ id: string; name: string }>
  role(): Promise<{ id: string; name: string }>
  /** An ACL granting `read` on the shared project to the Engineers group. */
  acl(): Promise<{ id: string; item: Record<string, string> }>
  invitation(email?: string): Promise<{ id: string; token: string }>
  apiKey(): Promise<string>
  serviceAccount(): Promise<string>
  serviceToken(): Promise<string>
}

/** Builds org A with one object of every kind, org B, and A's members without permissions. */
export async function buildMatrixContext(h: Harness): Promise<MatrixContext> {
  const a = await h.world()
  const b = await h.world()
  const orgName = a.org.name
  const actor = a.owner.actor
  const deps = h.deps
  let counter = 0
  const fresh: Fresh = {
    name: (prefix) => `${prefix}-${++counter}-${deps.crypto.uuid().slice(0, 6)}`,
    email: () => `invitee-${++counter}-${deps.crypto.uuid().slice(0, 6)}@example.com`,
    async project() {
      const { project } = await createProject(deps, actor, { name: fresh.name('p'), orgName })
      return project.id
    },
    async group() {
      const { group } = await createGroup(deps, actor, { name: fresh.name('g'), orgName })
      return { id: group.id, name: group.name }
    },
    async role() {
      const { role } = await createRole(deps, actor, {
        name: fresh.name('r'),
        memberPermissions: [{ permission: 'read' }],
        orgName,
      })
      return { id: role.id, name: role.name }
    },
    async acl() {
      const { group } = await createGroup(deps, actor, { name: fresh.name('ag'), orgName })
      const item = {
        object_type: 'project',
        object_id: project,
        group_id: group.id,
        permission: 'read',
      }
      const { acl } = await createAcl(deps, actor, {
        objectType: 'project',
        objectId: project,
        groupId: group.id,
        permission: 'read',
        orgName,
      })
      return { id: acl.id, item }
    },
    async invitation(email) {
      const viewers = a.groups.viewers
      if (viewers === undefined) {
        throw new Error('an Enterprise org has Viewers')
      }
      const result = await updateMembers(deps, actor, {
        orgName,
        inviteUsers: { emails: [email ?? fresh.email()], groupIds: [viewers.id] },
      })
      const invitation = result.invitations[0]
      if (invitation === undefined) {
        throw new Error('no invitation was created')
      }
      return { id: invitation.id, token: invitation.token }
    },
    async apiKey() {
      const { apiKey } = await createApiKey(deps, actor, { name: fresh.name('k'), orgName })
      return apiKey.id
    },
    async serviceAccount() {
      const { user } = await createServiceAccount(deps, actor, { name: fresh.name('sa'), orgName })
      return user.id
    },
    async serviceToken() {
      const { serviceToken } = await createServiceToken(deps, actor, {
        name: fresh.name('t'),
        serviceAccountId: serviceAccount,
        orgName,
      })
      return serviceToken.id
    },
  }
  const project = await fresh.project()
  const serviceAccount = await fresh.serviceAccount()
  const viewers = a.groups.viewers
  if (viewers === undefined) {
    throw new Error('an Enterprise org has Viewers')
  }
  return {
    h,
    a,
    b,
    nobody: await h.member(a),
    viewer: await h.member(a, [viewers]),
    project,
    group: (await fresh.group()).id,
    role: (await fresh.role()).id,
    acl: (await fresh.acl()).id,
    apiKey: await fresh.apiKey(),
    serviceAccount,
    serviceToken: await fresh.serviceToken(),
    fresh,
  }
}
