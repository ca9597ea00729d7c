// Peer: casbin's `enforce` with the RBAC-with-domains model, in the same loop shape as
// Gatehouse's in-process decisions: one check at a time, requests rotated, fixed duration.
// Usage: node casbin-enforce.mjs '{"policies":120,"durationMs":5000}' builds a synthetic policy set
// of that many `p` lines; '{"policyFile":"…","durationMs":5000}' loads one the benchmark wrote
// (lines `p, sub, dom, obj, act` / `g, user, role, dom`, and `r, sub, dom, obj, act` requests).
// Prints one JSON object on stdout.
import { readFileSync } from 'node:fs'
import { newEnforcer, newModelFromString, StringAdapter } from 'casbin'

const MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act
`

const ACTIONS = ['read', 'create', 'update', 'delete']
const config = JSON.parse(process.argv[2] ?? '{}')
const durationMs = config.durationMs ?? 5_000

/** A policy set of `count` p lines: 10 domains, a role per 10 policies, 2 users per role. */
function syntheticPolicies(count) {
  const lines = []
  const requests = []
  const roles = Math.max(1, Math.ceil(count / 10))
  for (let i = 0; i < count; i++) {
    const role = i % roles
    lines.push(`p, role${role}, dom${role % 10}, obj${i}, ${ACTIONS[i % ACTIONS.length]}`)
  }
  for (let role = 0; role < roles; role++) {
    for (let u = 0; u < 2; u++) {
      lines.push(`g, user${role}-${u}, role${role}, dom${role % 10}`)
    }
  }
  // Half the requests are allowed (a user asking for its role's object), half are not.
  for (let i = 0; i < Math.min(count, 1000); i++) {
    const role = i % roles
    const act = i % 2 === 0 ? ACTIONS[i % ACTIONS.length] : 'delete_acls'
    requests.push([`user${role}-${i % 2}`, `dom${role % 10}`, `obj${i}`, act])
  }
  return { text: lines.join('\n'), requests, policies: count }
}

function policiesFromFile(path) {
  const lines = []
  const requests = []
  let policies = 0
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('r, ')) {
      requests.push(line.slice(3).split(', '))
    } else if (line.trim() !== '') {
      lines.push(line)
      if (line.startsWith('p, ')) {
        policies++
      }
    }
  }
  return { text: lines.join('\n'), requests, policies }
}

const world =
  config.policyFile === undefined
    ? syntheticPolicies(config.policies ?? 120)
    : policiesFromFile(config.policyFile)
const enforcer = await newEnforcer(newModelFromString(MODEL), new StringAdapter(world.text))

// Warm-up: every request once (casbin builds its role links on load, but the matcher compiles
// lazily).
let allowed = 0
for (const request of world.requests) {
  await enforcer.enforce(...request)
}

let ops = 0
const started = performance.now()
const deadline = started + durationMs
while (performance.now() < deadline) {
  if (await enforcer.enforce(...world.requests[ops % world.requests.length])) {
    allowed++
  }
  ops++
}
const elapsedMs = performance.now() - started

process.stdout.write(
  `${JSON.stringify({
    peer: 'casbin',
    operation: 'enforce',
    policies: world.policies,
    requests: world.requests.length,
    ops,
    elapsedMs,
    opsPerSec: (ops / elapsedMs) * 1000,
    allowedShare: ops === 0 ? 0 : allowed / ops,
  })}\n`,
)
