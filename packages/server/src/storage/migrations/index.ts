import type { Migration } from 'kysely'
import * as initial from './0001-initial.js'
import * as sessions from './0002-sessions.js'
import * as integrity from './0003-integrity.js'
import * as loginThrottle from './0004-login-throttle.js'
import * as listIndexes from './0005-list-indexes.js'

/**
 * Every migration, by name, in order. Static so that a bundled or installed server never scans
 * a directory; add new files here with the next number.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-sessions': sessions,
  '0003-integrity': integrity,
  '0004-login-throttle': loginThrottle,
  '0005-list-indexes': listIndexes,
}
