import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runToEnd } from '../support/child-processes.js'
import { DATA_DIR, PEERS_DIR } from '../support/paths.js'

export interface PeerResult {
  readonly peer: 'better-auth' | 'casbin'
  readonly operation: string
  /** What the peer was measured at: keys for better-auth, policies for casbin. */
  readonly size: number
  readonly sizeLabel: string
  readonly opsPerSec: number
  readonly ops: number
  readonly failures?: number
}

const INSTALL_TIMEOUT_MS = 10 * 60_000

/** Installs the peers into bench/peers/node_modules the first time (their own package.json). */
export async function ensurePeersInstalled(log: (line: string) => void): Promise<void> {
  if (existsSync(join(PEERS_DIR, 'node_modules'))) {
    return
  }
  log('installing the peers (npm install --prefix bench/peers) …')
  await runToEnd('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], {
    cwd: PEERS_DIR,
    timeoutMs: INSTALL_TIMEOUT_MS,
  })
}

async function runPeer(script: string, config: object, timeoutMs: number) {
  const stdout = await runToEnd(
    process.execPath,
    [join(PEERS_DIR, script), JSON.stringify(config)],
    {
      cwd: PEERS_DIR,
      timeoutMs,
    },
  )
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>
}

/** better-auth's `verifyApiKey` over `keys` keys in SQLite. */
export async function measureBetterAuth(keys: number, durationMs: number): Promise<PeerResult> {
  const out = await runPeer(
    'better-auth-verify.mjs',
    { dbPath: join(DATA_DIR, 'better-auth.db'), keys, durationMs },
    // Seeding goes through its API (about 1,000 keys a second here), then the timed loop.
    keys * 5 + durationMs * 3 + 60_000,
  )
  return {
    peer: 'better-auth',
    operation: 'verifyApiKey',
    size: keys,
    sizeLabel: `${keys.toLocaleString('en-US')} keys`,
    opsPerSec: out.opsPerSec as number,
    ops: out.ops as number,
    failures: out.failures as number,
  }
}

/** casbin's `enforce` (RBAC with domains) at a synthetic size, or on a written policy file. */
export async function measureCasbin(
  source: { policies: number } | { policyText: string; label: string },
  durationMs: number,
): Promise<PeerResult> {
  let config: object
  if ('policyText' in source) {
    const policyFile = join(DATA_DIR, 'casbin-policies.csv')
    writeFileSync(policyFile, source.policyText)
    config = { policyFile, durationMs }
  } else {
    config = { policies: source.policies, durationMs }
  }
  const out = await runPeer('casbin-enforce.mjs', config, durationMs * 4 + 120_000)
  const policies = out.policies as number
  return {
    peer: 'casbin',
    operation: 'enforce',
    size: policies,
    sizeLabel:
      'label' in source
        ? `${policies.toLocaleString('en-US')} policies (${source.label})`
        : `${policies.toLocaleString('en-US')} policies`,
    opsPerSec: out.opsPerSec as number,
    ops: out.ops as number,
  }
}
