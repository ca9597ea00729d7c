import { GENESIS_HASH, type Plan } from '@gatehouse/core'
import { apportion, orgWeights, weightedIndex } from './apportion.js'
import { deriveSecret, previewOfKey, sha256Hex } from './derive-secret.js'
import { generateOrgAccess, type OrgAccess } from './generate-org-access.js'
import { createPrng, type Prng } from './prng.js'
import { RowBuffer, type RowChunk } from './row-buffer.js'
import { makeCheck } from './sample-checks.js'
import type { SampledKey, WorldSample } from './world-sample.js'
import { BASE_TIME, type WorldSpec } from './world-spec.js'

const DAY = 86_400_000
const FLUSH_ROWS = 20_000
/** About 2% of people belong to a second org. */
const CROSS_MEMBERSHIP = 0.02
const KEY_REVOKED = 0.01
const KEY_EXPIRED = 0.01
const KEY_EXPIRING = 0.03

function planOf(rng: Prng, org: number): Plan {
  if (org === 0) {
    return 'enterprise'
  }
  const r = rng.next()
  return r < 0.4 ? 'enterprise' : r < 0.75 ? 'pro' : 'starter'
}

interface Sampling {
  warmLargest: number
  coldLargest: number
  warmAcross: number
  coldAcross: number
}

/** Per-key draw probabilities, so the samples come out near their sizes; disjoint by design. */
function samplingOf(spec: WorldSpec, largestKeys: number): Sampling {
  const live = 1 - KEY_REVOKED - KEY_EXPIRED
  const p = {
    warmLargest: spec.warmSample / 2 / (largestKeys * live),
    coldLargest: spec.coldSample / 2 / (largestKeys * live),
    warmAcross: spec.warmSample / 2 / (spec.keys * live),
    coldAcross: spec.coldSample / 2 / (spec.keys * live),
  }
  const sum = p.warmLargest + p.coldLargest + p.warmAcross + p.coldAcross
  if (sum <= 1) {
    return p
  }
  return {
    warmLargest: p.warmLargest / sum,
    coldLargest: p.coldLargest / sum,
    warmAcross: p.warmAcross / sum,
    coldAcross: p.coldAcross / sum,
  }
}

/**
 * Generates a world of the given shape as row chunks (parents before children, a few thousand
 * rows each, so a million keys never sit in memory) and returns what the benchmark keeps: the
 * sampled keys with their plaintext, and checks whose answers the construction fixes.
 * Deterministic: the same spec gives the same rows, ids and secrets.
 */
export function* generateWorld(spec: WorldSpec): Generator<RowChunk, WorldSample> {
  const rng = (name: string) => createPrng(spec.seed, `${spec.name}/${name}`)
  const weights = orgWeights(spec.orgs, spec.largestOrgShare)
  const orgRng = rng('orgs')
  const plans = Array.from({ length: spec.orgs }, (_, o) => planOf(orgRng, o))
  const orgIds = plans.map(() => orgRng.uuid())
  const builtinAcls = plans.map((plan) => (plan === 'starter' ? 1 : 3))
  const builtinTotal = builtinAcls.reduce((a, b) => a + b, 0)
  if (builtinTotal > spec.acls) {
    throw new Error(`${spec.acls} ACLs cannot cover the built-in groups' ${builtinTotal}`)
  }
  const usersPer = apportion(spec.users, weights, 1)
  const projectsPer = apportion(spec.projects, weights, 1)
  const aclsPer = apportion(spec.acls - builtinTotal, weights).map(
    (n, o) => n + (builtinAcls[o] as number),
  )
  const keysPer = apportion(spec.keys, weights, 1)

  // People first: every org's members must be known before any org's keys pick among them.
  const userRng = rng('users')
  const userIds = Array.from({ length: spec.users }, () => userRng.uuid())
  const homeMembers: number[][] = []
  let next = 0
  for (const count of usersPer) {
    homeMembers.push(Array.from({ length: count }, (_, i) => next + i))
    next += count
  }
  const crossMembers: number[][] = orgIds.map(() => [])
  if (spec.orgs > 1) {
    const crossRng = rng('cross-memberships')
    const cumulative: number[] = []
    weights.reduce((sum, w, i) => {
      cumulative[i] = sum + w
      return sum + w
    }, 0)
    homeMembers.forEach((users, home) => {
      for (const user of users) {
        if (crossRng.chance(CROSS_MEMBERSHIP)) {
          const other = weightedIndex(crossRng, cumulative)
          if (other !== home) {
            crossMembers[other]?.push(user)
          }
        }
      }
    })
  }

  const out = new RowBuffer()
  for (const [o, orgId] of orgIds.entries()) {
    out.push('organizations', [
      orgId,
      `bench-${spec.name}-${o}`,
      plans[o] as Plan,
      1,
      1,
      1,
      BASE_TIME + o * 1000,
    ])
    out.push('audit_heads', [orgId, 0, GENESIS_HASH])
  }

  // Every person before any membership: a second org's membership may precede the home org's.
  for (const [user, id] of userIds.entries()) {
    out.push('users', [
      id,
      'user',
      `user-${user}@bench.test`,
      'Bench',
      `User ${user}`,
      BASE_TIME + (user % 365) * DAY,
    ])
    if (out.pending >= FLUSH_ROWS) {
      yield* out.drain()
    }
  }

  const sampling = samplingOf(spec, keysPer[0] as number)
  const sample: Omit<WorldSample, 'owner' | 'counts'> & { owner?: SampledKey } = {
    spec,
    largestOrgId: orgIds[0] as string,
    warmLargest: [],
    warmAcross: [],
    coldLargest: [],
    coldAcross: [],
    expectations: [],
    revoked: [],
  }
  const sampleRng = rng('sample')
  const keyRng = rng('keys')
  let keyIndex = 0
  let firstProjectOfLargest: string | undefined

  for (const [o, orgId] of orgIds.entries()) {
    const members = [...(homeMembers[o] as number[]), ...(crossMembers[o] as number[])]
    for (const user of members) {
      out.push('memberships', [orgId, userIds[user] as string, BASE_TIME + o * 1000])
    }
    const access: OrgAccess = generateOrgAccess({
      rng: rng(`org-${o}`),
      out,
      orgId,
      plan: plans[o] as Plan,
      members: members.map((m) => userIds[m] as string),
      projects: projectsPer[o] as number,
      acls: aclsPer[o] as number,
    })
    firstProjectOfLargest ??= access.projects[0]

    const owner = userIds[members[0] as number] as string
    const keyed = (
      key: { secret: string; id: string },
      userId: string,
      check: SampledKey['check'],
    ): SampledKey => ({ secret: key.secret, keyId: key.id, orgId, userId, check })
    const s = o === 0 ? sampling : { ...sampling, warmLargest: 0, coldLargest: 0 }
    /** The owner's key and the probe's, kept for the expectations below. */
    const firstKeys: { secret: string; id: string }[] = []
    const keys = keysPer[o] as number
    for (let j = 0; j < keys; j++) {
      const index = keyIndex++
      // The org's first key is its owner's; its second, the probe's (see OrgAccess).
      const userId =
        j === 0
          ? owner
          : j === 1 && access.probe !== undefined
            ? access.probe.userId
            : (userIds[members[keyRng.int(members.length)] as number] as string)
      const secret = deriveSecret(keyRng)
      const id = keyRng.uuid()
      const r = j < 2 ? 1 : keyRng.next()
      const revoked = r < KEY_REVOKED
      const expired = !revoked && r < KEY_REVOKED + KEY_EXPIRED
      const expiring = !revoked && !expired && r < KEY_REVOKED + KEY_EXPIRED + KEY_EXPIRING
      const createdAt = BASE_TIME + (index % 365) * DAY
      out.push('api_keys', [
        id,
        orgId,
        userId,
        `key-${index}`,
        previewOfKey(secret),
        sha256Hex(secret),
        createdAt,
        expired ? createdAt + DAY : expiring ? BASE_TIME + 3650 * DAY : null,
        revoked ? createdAt + DAY : null,
      ])
      if (j < 2) {
        firstKeys.push({ secret, id })
      } else if (revoked) {
        if (sample.revoked.length < 5) {
          sample.revoked.push(secret)
        }
      } else if (!expired) {
        const draw = sampleRng.next()
        const list =
          draw < s.warmLargest
            ? sample.warmLargest
            : draw < s.warmLargest + s.coldLargest
              ? sample.coldLargest
              : draw < s.warmLargest + s.coldLargest + s.warmAcross
                ? sample.warmAcross
                : draw < s.warmLargest + s.coldLargest + s.warmAcross + s.coldAcross
                  ? sample.coldAcross
                  : undefined
        list?.push(keyed({ secret, id }, userId, makeCheck(sampleRng, orgId, access, userId)))
      }
      if (out.pending >= FLUSH_ROWS) {
        yield* out.drain()
      }
    }

    const ownerKey = firstKeys[0] as { secret: string; id: string }
    if (o === 0) {
      sample.owner = keyed(ownerKey, owner, {
        permission: 'update_acls',
        objectType: 'project',
        objectId: access.projects[0] as string,
      })
    }
    if (sample.expectations.length < 60) {
      const expect = (key: SampledKey, allowed: boolean, why: string): void => {
        sample.expectations.push({ key, allowed, why })
      }
      const project = access.projects[0] as string
      expect(
        keyed(ownerKey, owner, { permission: 'delete', objectType: 'project', objectId: project }),
        true,
        "the owner holds the Owner role on the org through the built-in Owners group's ACL",
      )
      const probeKey = firstKeys[1]
      if (access.probe !== undefined && probeKey !== undefined) {
        const grant = access.probe.grant
        expect(keyed(probeKey, access.probe.userId, grant), true, 'a direct ACL grants it')
        expect(
          keyed(probeKey, access.probe.userId, {
            permission: 'update_acls',
            objectType: 'project',
            objectId: grant.objectId,
          }),
          false,
          'no grant of this org gives update_acls to anyone outside Owners',
        )
      }
      if (o > 0 && firstProjectOfLargest !== undefined) {
        expect(
          keyed(ownerKey, owner, {
            permission: 'read',
            objectType: 'project',
            objectId: firstProjectOfLargest,
          }),
          false,
          "another org's project does not exist for this org's owner",
        )
      }
    }
    if (out.pending >= FLUSH_ROWS) {
      yield* out.drain()
    }
  }
  yield* out.drain()

  if (sample.owner === undefined) {
    throw new Error('the world has no org')
  }
  return { ...sample, owner: sample.owner, counts: { ...out.counts } }
}
