import { parseArgs } from 'node:util'
import { DB_HELP, DB_OPTION, parseCommandLine } from '../args.js'
import { describeMigrations, withDatabase } from '../database.js'
import { EXIT } from '../errors.js'
import { type CliIo, writeLine } from '../io.js'
import type { Command } from './command.js'

const HELP = `Usage: gatehouse start [--db URL]

Prepares the database (applies pending migrations), says whether an organization exists and,
when none does, prints the command that creates the first one.

This version has no HTTP server yet: the REST API and the web UI arrive with the REST API
(issue 3). Until then this command prepares the database and exits.

Options:
${DB_HELP}
  -h, --help        Show this help`

const MAX_NAMES = 10

export const startCommand: Command = {
  name: 'start',
  summary: 'Prepare the database and say what to do next (no HTTP server yet)',
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values } = parseCommandLine('gatehouse start --help', () =>
      parseArgs({ args: [...args], options: { ...DB_OPTION }, strict: true }),
    )
    await withDatabase(io, values.db, async (db) => {
      writeLine(io.stdout, describeMigrations(db))
      const orgs = await db.store.transaction((tx) => tx.orgs.listAll())
      if (orgs.length === 0) {
        const dbFlag = values.db === undefined ? '' : ` --db '${db.label}'`
        writeLine(io.stdout, 'No organization exists yet. Create the first one and its owner with:')
        writeLine(
          io.stdout,
          `  echo 'a long password' | npx gatehouse bootstrap --org NAME --email EMAIL --password-stdin${dbFlag}`,
        )
      } else {
        const shown = orgs.slice(0, MAX_NAMES).map((o) => o.name)
        const names = orgs.length > MAX_NAMES ? `${shown.join(', ')}, …` : shown.join(', ')
        writeLine(
          io.stdout,
          `${orgs.length} ${orgs.length === 1 ? 'organization exists' : 'organizations exist'}: ${names}.`,
        )
      }
    })
    writeLine(
      io.stdout,
      'The HTTP server (REST API and web UI) is not in this version: it arrives with the REST API ' +
        '(issue 3). Nothing is listening; the database is ready.',
    )
    return EXIT.ok
  },
}
