import { parseArgs } from 'node:util'
import { type BackupResult, backupDatabase, resolveDatabaseUrl } from '@gatehouse/server'
import { DB_HELP, DB_OPTION, parseCommandLine, required } from '../args.js'
import { EXIT, redactUrls } from '../errors.js'
import { type CliIo, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'

const HELP = `Usage: gatehouse backup --to FILE [--db URL] [--json]

Copies the SQLite database to FILE, a new self-contained SQLite file, with SQLite's online
backup API: safe while Gatehouse is serving and writing, and the copy is one consistent moment.
FILE must not exist yet. The database is not migrated first, so a backup taken before an
upgrade holds the old schema. PostgreSQL is backed up with pg_dump (exit 2: see
docs/operations.md).

Options:
  --to FILE         The backup file to create (its folder is created)
${DB_HELP}
  --json            Print {"file", "bytes", "migrations"}
  -h, --help        Show this help`

/** The result as --json prints it; shared with `restore`. */
export function backupJson(result: BackupResult): Record<string, unknown> {
  return { file: result.path, bytes: result.bytes, migrations: result.migrations }
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the SQLite database to a backup file while it serves',
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values } = parseCommandLine('gatehouse backup --help', () =>
      parseArgs({
        args: [...args],
        options: { to: { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION },
        strict: true,
      }),
    )
    const to = required(values.to, '--to', 'gatehouse backup --help')
    const url = resolveDatabaseUrl(values.db, io.env)
    const result = await backupDatabase(url, to)
    if (values.json === true) {
      writeJson(io.stdout, backupJson(result))
    } else {
      writeLine(
        io.stdout,
        `Backed up ${redactUrls(url)} to ${result.path} (${result.bytes} bytes, migrations up to ${result.migrations.at(-1) ?? 'none'}).`,
      )
    }
    return EXIT.ok
  },
}
