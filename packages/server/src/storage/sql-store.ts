import { AsyncLocalStorage } from 'node:async_hooks'
import type { Clock, LoginThrottleOptions, Store, Tx } from '@gatehouse/core'
import { Migrator } from 'kysely'
import { aclRepo } from './acl-repo.js'
import { apiKeyRepo } from './api-key-repo.js'
import { auditRepo } from './audit-repo.js'
import type { Connection, DialectName, Listener, ListenHandlers, PoolStats } from './connection.js'
import { groupRepo } from './group-repo.js'
import { invitationRepo } from './invitation-repo.js'
import { SqlLoginThrottle } from './login-throttle-store.js'
import { memberRepo } from './member-repo.js'
import { MIGRATIONS } from './migrations/index.js'
import { orgRepo } from './org-repo.js'
import { projectRepo } from './project-repo.js'
import { roleRepo } from './role-repo.js'
import type { Db } from './rows.js'
import { serviceTokenRepo } from './service-token-repo.js'
import { sessionRepo } from './session-repo.js'
import { userRepo } from './user-repo.js'

/** A Store on SQLite or PostgreSQL. */
export interface SqlStore extends Store {
  readonly dialect: DialectName
  /** Several server processes may serve this database at once (see Connection.sharedByNodes). */
  readonly sharedByNodes: boolean
  /** A login throttle whose failures live in this database, shared by every node on it. */
  loginThrottle(clock: Clock, options?: LoginThrottleOptions): SqlLoginThrottle
  /** Applies the migrations not yet applied; returns their names, in order. */
  migrate(): Promise<string[]>
  /** PostgreSQL: hears other nodes' authorization changes (see Connection.listen). */
  listen?(handlers: ListenHandlers): Listener
  /** PostgreSQL: the pool's connections. */
  poolStats?(): PoolStats
}

function createTx(db: Db, connection: Connection, isOpen: () => boolean, bumped: Set<string>): Tx {
  const orgs = orgRepo(db, (id) => connection.lockOrg(db, id))
  const tx: Tx = {
    orgs: {
      ...orgs,
      async bumpAuthzVersion(id) {
        const version = await orgs.bumpAuthzVersion(id)
        bumped.add(id)
        return version
      },
    },
    users: userRepo(db, connection.like),
    members: memberRepo(db),
    projects: projectRepo(db, connection.like),
    groups: groupRepo(db, connection.like),
    roles: roleRepo(db, connection.like),
    acls: aclRepo(db),
    apiKeys: apiKeyRepo(db, connection.like),
    serviceTokens: serviceTokenRepo(db, connection.like),
    invitations: invitationRepo(db, connection.like),
    sessions: sessionRepo(db),
    audit: auditRepo(db, connection.like),
  }
  for (const repo of Object.values(tx) as Record<string, unknown>[]) {
    guard(repo, isOpen)
  }
  return tx
}

/**
 * Makes every method of a repo fail once its transaction is over: a Tx kept past its
 * transaction would otherwise run on a pooled connection outside any transaction.
 */
function guard(repo: Record<string, unknown>, isOpen: () => boolean): void {
  for (const [name, method] of Object.entries(repo)) {
    if (typeof method === 'function') {
      repo[name] = (...args: unknown[]): unknown => {
        if (!isOpen()) {
          return Promise.reject(new Error(`Transaction is over: ${name} called on a stale Tx`))
        }
        return method(...args)
      }
    }
  }
}

/** Kysely's migrator over Gatehouse's migrations, with its bookkeeping in the right schema. */
export function migratorFor(connection: Connection): Migrator {
  return new Migrator({
    db: connection.db,
    ...(connection.migrationSchema === undefined
      ? {}
      : { migrationTableSchema: connection.migrationSchema }),
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
  })
}

/** Builds the Store over an open connection. */
export function createSqlStore(connection: Connection): SqlStore {
  // Which async call chains are inside a transaction of this store, to refuse nesting: on
  // SQLite an inner transaction would wait forever for the one connection the outer one holds.
  const inTransaction = new AsyncLocalStorage<boolean>()
  const listeners = new Set<(orgIds: readonly string[]) => void>()
  let closed = false
  return {
    dialect: connection.dialect,
    sharedByNodes: connection.sharedByNodes,
    loginThrottle: (clock, options) => new SqlLoginThrottle(connection, clock, options),
    ...(connection.listen === undefined ? {} : { listen: connection.listen }),
    ...(connection.poolStats === undefined ? {} : { poolStats: connection.poolStats }),
    onAuthzCommit(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async transaction(fn) {
      if (closed) {
        throw new Error('The store is closed')
      }
      if (inTransaction.getStore() === true) {
        throw new Error('Nested transaction: a transaction cannot be opened inside another')
      }
      const bumped = new Set<string>()
      const result = await inTransaction.run(true, () =>
        connection.transaction(async (trx) => {
          let open = true
          let value: Awaited<ReturnType<typeof fn>>
          try {
            value = await fn(createTx(trx, connection, () => open, bumped))
          } finally {
            open = false
          }
          if (bumped.size > 0) {
            await connection.announce(trx, [...bumped])
          }
          return value
        }),
      )
      // Committed: this node's caches learn it before the caller (and its next request) does.
      if (bumped.size > 0) {
        for (const listener of listeners) {
          listener([...bumped])
        }
      }
      return result
    },
    async migrate() {
      const migrator = migratorFor(connection)
      const { error, results } = await connection.underDdlLock(() => migrator.migrateToLatest())
      if (error !== undefined) {
        throw error
      }
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
    },
    async close() {
      if (closed) {
        return
      }
      closed = true
      await connection.close()
    },
  }
}
