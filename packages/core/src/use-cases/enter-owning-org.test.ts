import { describe, expect, it } from 'vitest'
import { SYSTEM_ROLE_IDS } from '../authz/system-roles.js'
import {
  addMember,
  apiKeyActor,
  codeOf,
  createTestDeps,
  seedOrg,
  sessionActor,
} from '../testing/index.js'
import { createAcl } from './acls/create-acl.js'
import { explainAccess } from './acls/explain-access.js'
import { getAcl } from './acls/get-acl.js'
import { listAcls } from './acls/list-acls.js'
import { createGroup } from './groups/create-group.js'
import { getGroup } from './groups/get-group.js'
import { createProject } from './projects/create-project.js'
import { createRole } from './roles/create-role.js'
import { getRole } from './roles/get-role.js'

/** Two orgs whose owner is the same person, plus a third org that person is not in. */
async function twoOrgOwner() {
  const deps = createTestDeps()
  const a = await seedOrg(deps)
  const b = await seedOrg(deps)
  const c = await seedOrg(deps)
  await addMember(deps, b.org, { email: a.owner.email, groups: [b.groups.owners] })
  return { deps, a, b, c, session: sessionActor(a.owner) }
}

describe('objects addressed by id enter their own org', () => {
  it('for a session in several orgs, without an org name', async () => {
    const { deps, b, session } = await twoOrgOwner()
    const { group } = await createGroup(deps, b.ownerActor, { name: 'G', orgId: b.org.id })
    const { role } = await createRole(deps, b.ownerActor, { name: 'R', orgId: b.org.id })
    const { project } = await createProject(deps, b.ownerActor, { name: 'P', orgId: b.org.id })
    expect((await getGroup(deps, session, { groupId: group.id })).id).toBe(group.id)
    expect((await getRole(deps, session, { roleId: role.id })).id).toBe(role.id)
    const { acl } = await createAcl(deps, session, {
      objectType: 'project',
      objectId: project.id,
      userId: b.owner.id,
      permission: 'read',
    })
    expect(acl.orgId).toBe(b.org.id)
    expect(await getAcl(deps, session, { aclId: acl.id })).toEqual(acl)
    expect(
      await listAcls(deps, session, { objectType: 'project', objectId: project.id }),
    ).toContainEqual(acl)
    const explained = await explainAccess(deps, session, {
      userId: b.owner.id,
      target: { objectType: 'organization', objectId: b.org.id },
    })
    expect(explained.permissions).toContain('delete_acls')
  })

  it('still hides other orgs, and keeps a bound credential in its org', async () => {
    const { deps, a, b, c, session } = await twoOrgOwner()
    const { group } = await createGroup(deps, c.ownerActor, { name: 'G' })
    const { project } = await createProject(deps, b.ownerActor, { name: 'P', orgId: b.org.id })
    expect(await codeOf(getGroup(deps, session, { groupId: group.id }))).toBe('GROUP_NOT_FOUND')
    expect(
      await codeOf(
        createAcl(deps, session, {
          objectType: 'organization',
          objectId: c.org.id,
          userId: a.owner.id,
          roleId: SYSTEM_ROLE_IDS.owner,
        }),
      ),
    ).toBe('ORG_NOT_FOUND')
    const keyOfA = apiKeyActor(a.owner, a.org.id)
    expect(
      await codeOf(listAcls(deps, keyOfA, { objectType: 'project', objectId: project.id })),
    ).toBe('PROJECT_NOT_FOUND')
    expect(await codeOf(getAcl(deps, session, { aclId: deps.crypto.uuid() }))).toBe('ACL_NOT_FOUND')
    // A named org wins over the object's, which then does not exist there.
    expect(
      await codeOf(
        listAcls(deps, session, {
          objectType: 'project',
          objectId: project.id,
          orgName: a.org.name,
        }),
      ),
    ).toBe('PROJECT_NOT_FOUND')
  })

  it('asks for an org when the object does not say (system roles, data-plane objects)', async () => {
    const { deps, session } = await twoOrgOwner()
    expect(await codeOf(getRole(deps, session, { roleId: SYSTEM_ROLE_IDS.viewer }))).toBe(
      'ORG_REQUIRED',
    )
    expect(
      await codeOf(
        listAcls(deps, session, { objectType: 'experiment', objectId: deps.crypto.uuid() }),
      ),
    ).toBe('ORG_REQUIRED')
  })
})
