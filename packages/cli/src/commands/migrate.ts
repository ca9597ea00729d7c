import { parseArgs } from 'node:util'
import { DB_HELP, DB_OPTION, parseCommandLine } from '../args.js'
import { describeMigrations, withDatabase } from '../database.js'
import { EXIT } from '../errors.js'
import { type CliIo, writeLine } from '../io.js'
import type { Command } from './command.js'

const HELP = `Usage: gatehouse migrate [--db URL]

Applies the database migrations that have not run yet, then exits. Every command that opens
the database does this first, so running it alone is optional: use it to upgrade the schema
before starting new server processes.

Options:
${DB_HELP}
  -h, --help        Show this help`

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values } = parseCommandLine('gatehouse migrate --help', () =>
      parseArgs({ args: [...args], options: { ...DB_OPTION }, strict: true }),
    )
    await withDatabase(io, values.db, async (db) => {
      writeLine(io.stdout, describeMigrations(db))
    })
    return EXIT.ok
  },
}
