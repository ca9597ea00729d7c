import {
  type Acl,
  type Actor,
  bootstrapOrganization,
  createAcl,
  createProject,
  type Deps,
  deleteAcl,
  deleteAclByContent,
  deleteProject,
  type Group,
  LruDecisionCache,
  type Organization,
  readAuthzRows,
  SYSTEM_ROLE_IDS,
  type User,
  updateGroup,
} from '@gatehouse/core'
import {
  connect,
  createNodeDeps,
  createSqlStore,
  type SqlStore,
  systemClock,
} from '@gatehouse/server'
import { spreadOf } from './percentiles.js'
import type { WritesCell, WritesJob, WritesLayout, WritesReport, WritesRun } from './writes-job.js'

/*
 * A child process of the benchmark: concurrent writers through core's use cases, on the server's
 * production store, with the per-org write lock and without it. Input: one JSON argument
 * (WritesJob) naming a migrated, empty database. Output: one JSON line (WritesReport).
 */

/** One writer's own corner of an org: a group and a member nobody else touches. */
interface Slot {
  readonly org: Organization
  readonly group: Group
  readonly member: User
  readonly name: string
  readonly cycle: CycleState
}

const ORGS_MANY = 32

/**
 * What a Settings UI sends while someone arranges access: each step a use case of its own, and
 * the cycle leaves the org's world as it found it, so a long run does not grow what each write
 * loads (a deleted project's grants would otherwise stay in the world).
 */
const CYCLE = [
  'project.create',
  'acl.create (group → Viewer on the project)',
  'group.update (add a member)',
  'group.update (remove the member)',
  'acl.delete',
  'acl.delete_by_content (the creator grant)',
  'project.delete',
] as const

type Step = (deps: Deps, actor: Actor, slot: Slot, state: CycleState) => Promise<unknown>
interface CycleState {
  /** The index in STEPS of the slot's next write. */
  next: number
  projectId?: string
  aclId?: string
}

const STEPS: readonly Step[] = [
  async (deps, actor, slot, state) => {
    const { project } = await createProject(deps, actor, {
      orgId: slot.org.id,
      name: `${slot.name}-${deps.crypto.uuid().slice(0, 8)}`,
    })
    state.projectId = project.id
  },
  async (deps, actor, slot, state) => {
    const { acl } = await createAcl(deps, actor, {
      orgId: slot.org.id,
      objectType: 'project',
      objectId: need(state.projectId),
      groupId: slot.group.id,
      roleId: SYSTEM_ROLE_IDS.viewer,
    })
    state.aclId = acl.id
  },
  (deps, actor, slot) =>
    updateGroup(deps, actor, {
      orgId: slot.org.id,
      groupId: slot.group.id,
      addMemberUsers: [slot.member.id],
    }),
  (deps, actor, slot) =>
    updateGroup(deps, actor, {
      orgId: slot.org.id,
      groupId: slot.group.id,
      removeMemberUsers: [slot.member.id],
    }),
  (deps, actor, slot, state) =>
    deleteAcl(deps, actor, { orgId: slot.org.id, aclId: need(state.aclId) }),
  (deps, actor, slot, state) =>
    deleteAclByContent(deps, actor, {
      orgId: slot.org.id,
      objectType: 'project',
      objectId: need(state.projectId),
      userId: actor.userId,
      roleId: SYSTEM_ROLE_IDS.owner,
    }),
  (deps, actor, _slot, state) => deleteProject(deps, actor, { projectId: need(state.projectId) }),
]

function need(id: string | undefined): string {
  if (id === undefined) {
    throw new Error('an earlier step of the cycle did not run')
  }
  return id
}

/**
 * An org with `slots` people and `slots` groups besides the built-in ones, and grants that make
 * its world look used: each person may read the org, each group views it. Put straight into the
 * store (one transaction); the writes measured later are the use cases.
 */
async function seedOrg(
  deps: Deps,
  name: string,
  ownerEmail: string,
  password: string | undefined,
  slots: number,
): Promise<{ org: Organization; owner: User; slots: Slot[] }> {
  const { org, user: owner } = await bootstrapOrganization(deps, {
    orgName: name,
    email: ownerEmail,
    password,
  })
  const made = await deps.store.transaction(async (tx) => {
    const now = deps.clock.now()
    const out: Slot[] = []
    const acl = (item: Partial<Acl>): Acl => ({
      id: deps.crypto.uuid(),
      orgId: org.id,
      objectType: 'organization',
      objectId: org.id,
      userId: null,
      groupId: null,
      permission: null,
      roleId: null,
      restrictObjectType: null,
      createdAt: now,
      ...item,
    })
    for (let i = 0; i < slots; i++) {
      const member: User = {
        id: deps.crypto.uuid(),
        kind: 'user',
        email: `${name}-member-${i}@bench.gatehouse.invalid`,
        givenName: null,
        familyName: null,
        avatarUrl: null,
        passwordHash: null,
        serviceAccountOrgId: null,
        createdAt: now,
        deletedAt: null,
      }
      await tx.users.insert(member)
      await tx.members.add({ orgId: org.id, userId: member.id, createdAt: now })
      const group: Group = {
        id: deps.crypto.uuid(),
        orgId: org.id,
        userId: owner.id,
        name: `team-${i}`,
        description: null,
        builtin: null,
        memberUsers: [],
        memberGroups: [],
        createdAt: now,
        deletedAt: null,
      }
      await tx.groups.insert(group)
      await tx.acls.insert(acl({ userId: member.id, permission: 'read' }))
      await tx.acls.insert(acl({ groupId: group.id, roleId: SYSTEM_ROLE_IDS.viewer }))
      out.push({ org, group, member, name: `w${i}`, cycle: { next: 0 } })
    }
    await tx.orgs.bumpAuthzVersion(org.id)
    return out
  })
  return { org, owner, slots: made }
}

interface Writer {
  readonly actor: Actor
  readonly slot: Slot
}

interface Window {
  latencies: number[]
  failures: number
  windowMs: number
}

/**
 * Every writer runs its cycle's steps back to back until `ms` has passed; a write counts if it
 * completed inside the window. A writer stops after the write in flight at the end and the next
 * window goes on from the step after it (slots keep their place in the cycle), so no window
 * waits for cycles to finish and the org's world stays within one cycle per slot of its start.
 */
async function drive(
  deps: Deps,
  writers: readonly Writer[],
  ms: number,
  errors: Set<string>,
): Promise<Window> {
  const latencies: number[] = []
  let failures = 0
  const started = performance.now()
  const deadline = started + ms
  await Promise.all(
    writers.map(async ({ actor, slot }) => {
      while (performance.now() < deadline) {
        const cycle = slot.cycle
        const step = STEPS[cycle.next] as Step
        const t0 = performance.now()
        try {
          await step(deps, actor, slot, cycle)
          cycle.next = (cycle.next + 1) % STEPS.length
        } catch (err) {
          if (performance.now() <= deadline) {
            failures++
          }
          if (errors.size < 5) {
            errors.add((err as Error).message)
          }
          // The cycle cannot go on without what this step made: start a new one.
          cycle.next = 0
          continue
        }
        const t1 = performance.now()
        if (t1 <= deadline) {
          latencies.push(t1 - t0)
        }
      }
    }),
  )
  return { latencies, failures, windowMs: ms }
}

function summarize(windows: readonly Window[]): WritesRun {
  const latencies = windows.flatMap((w) => w.latencies)
  const windowMs = windows.reduce((sum, w) => sum + w.windowMs, 0)
  return {
    writes: latencies.length,
    failures: windows.reduce((sum, w) => sum + w.failures, 0),
    windowMs,
    writesPerSec: (latencies.length / windowMs) * 1000,
    latencyMs: spreadOf(latencies),
  }
}

function writersFor(
  layout: WritesLayout,
  one: { owner: User; slots: Slot[] },
  many: readonly { owner: User; slots: Slot[] }[],
): Writer[] {
  const actorOf = (owner: User): Actor => ({
    userId: owner.id,
    credential: { kind: 'session', id: null, orgId: null },
    impersonatorId: null,
  })
  if (layout.kind === 'one-org') {
    return one.slots.slice(0, layout.writers).map((slot) => ({ actor: actorOf(one.owner), slot }))
  }
  return many.slice(0, layout.writers).map((org) => ({
    actor: actorOf(org.owner),
    slot: org.slots[0] as Slot,
  }))
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as WritesJob
  const stores: SqlStore[] = []
  try {
    // Two stores on one database, so both variants write the same rows: the server's own, and
    // one whose connection skips the org lock (nothing else differs).
    const locked = createSqlStore(await connect(job.databaseUrl))
    stores.push(locked)
    const connection = await connect(job.databaseUrl)
    const unlocked = createSqlStore({ ...connection, lockOrg: async () => undefined })
    stores.push(unlocked)
    const depsOf = (store: SqlStore) =>
      createNodeDeps(store, { cache: new LruDecisionCache({ clock: systemClock }) })
    const lockDeps = depsOf(locked)
    const noLockDeps = depsOf(unlocked)

    const slots = Math.max(
      1,
      ...job.layouts.filter((l) => l.kind === 'one-org').map((l) => l.writers),
    )
    const manyOrgs = Math.max(
      0,
      ...job.layouts.filter((l) => l.kind === 'many-orgs').map((l) => l.writers),
    )
    const setupStarted = performance.now()
    // One owner for every org: one password hash (scrypt) for the whole setup.
    const ownerEmail = 'owner@bench.gatehouse.invalid'
    const one = await seedOrg(lockDeps, 'writes-one', ownerEmail, 'bench-owner-password', slots)
    const many = []
    for (let i = 0; i < Math.min(manyOrgs, ORGS_MANY); i++) {
      many.push(await seedOrg(lockDeps, `writes-many-${i}`, ownerEmail, undefined, slots))
    }
    const world = await locked.transaction((tx) => readAuthzRows(tx, one.org.id))
    const setupMs = performance.now() - setupStarted

    const errors = new Set<string>()
    const cells: WritesCell[] = []
    for (const layout of job.layouts) {
      const writers = writersFor(layout, one, many)
      await drive(lockDeps, writers, job.warmupMs, errors)
      await drive(noLockDeps, writers, job.warmupMs, errors)
      const lock: Window[] = []
      const noLock: Window[] = []
      lock.push(await drive(lockDeps, writers, job.halfMs, errors))
      noLock.push(await drive(noLockDeps, writers, job.halfMs, errors))
      noLock.push(await drive(noLockDeps, writers, job.halfMs, errors))
      lock.push(await drive(lockDeps, writers, job.halfMs, errors))
      cells.push({
        layout,
        orgs: layout.kind === 'one-org' ? 1 : writers.length,
        lock: summarize(lock),
        noLock: summarize(noLock),
      })
    }
    const report: WritesReport = {
      dialect: locked.dialect,
      orgWorld: {
        members: world.members.length,
        groups: world.groups.length,
        acls: world.acls.length,
      },
      cycle: CYCLE,
      setupMs,
      cells,
      errors: [...errors],
    }
    process.stdout.write(`${JSON.stringify(report)}\n`)
  } finally {
    for (const store of stores) {
      await store.close()
    }
  }
}

await main()
