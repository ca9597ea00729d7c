import { parseArgs } from 'node:util'
import { resolveDatabaseUrl, restoreDatabase } from '@gatehouse/server'
import { DB_HELP, DB_OPTION, parseCommandLine, required } from '../args.js'
import { EXIT, redactUrls } from '../errors.js'
import { type CliIo, writeJson, writeLine } from '../io.js'
import { backupJson } from './backup.js'
import type { Command } from './command.js'

const HELP = `Usage: gatehouse restore --from FILE [--force] [--db URL] [--json]

Replaces the SQLite database with the backup FILE (made by 'gatehouse backup'). FILE is copied
beside the database and checked first: it must pass SQLite's integrity check and be a Gatehouse
database at exactly this version's migrations; nothing is replaced otherwise. Refused while
any process (a server, another command) has the database open: stop the servers first. An
existing database is replaced only with --force. Run 'gatehouse audit verify' afterwards.
PostgreSQL is restored with pg_restore (exit 2: see docs/operations.md).

Options:
  --from FILE       The backup to restore
  --force           Replace the existing database file
${DB_HELP}
  --json            Print {"file", "bytes", "migrations"}
  -h, --help        Show this help`

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the SQLite database with a checked backup file',
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values } = parseCommandLine('gatehouse restore --help', () =>
      parseArgs({
        args: [...args],
        options: {
          from: { type: 'string' },
          force: { type: 'boolean' },
          json: { type: 'boolean' },
          ...DB_OPTION,
        },
        strict: true,
      }),
    )
    const from = required(values.from, '--from', 'gatehouse restore --help')
    const url = resolveDatabaseUrl(values.db, io.env)
    const result = await restoreDatabase(url, from, { force: values.force === true })
    if (values.json === true) {
      writeJson(io.stdout, backupJson(result))
    } else {
      writeLine(
        io.stdout,
        `Restored ${from} into ${redactUrls(url)} (${result.bytes} bytes, migrations up to ${result.migrations.at(-1) ?? 'none'}). Run 'gatehouse audit verify' next.`,
      )
    }
    return EXIT.ok
  },
}
