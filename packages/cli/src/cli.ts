import { readFileSync } from 'node:fs'
import { wantsHelp, wantsJson } from './args.js'
import { auditVerifyCommand } from './commands/audit-verify.js'
import { backupCommand } from './commands/backup.js'
import { bootstrapCommand } from './commands/bootstrap.js'
import type { Command } from './commands/command.js'
import { createKeyCommand } from './commands/create-key.js'
import { inviteMembersCommand } from './commands/invite-members.js'
import { listKeysCommand } from './commands/list-keys.js'
import { listMembersCommand } from './commands/list-members.js'
import { listTokensCommand } from './commands/list-tokens.js'
import { migrateCommand } from './commands/migrate.js'
import { DEFAULT_URL } from './commands/remote.js'
import { removeMembersCommand } from './commands/remove-members.js'
import { restoreCommand } from './commands/restore.js'
import { revokeKeyCommand, revokeTokenCommand } from './commands/revoke-credential.js'
import { serveCmd, startCmd } from './commands/serve.js'
import { EXIT, reportError, UsageError } from './errors.js'
import { type CliIo, writeLine } from './io.js'

export const COMMANDS: readonly Command[] = [
  serveCmd,
  startCmd,
  migrateCommand,
  bootstrapCommand,
  auditVerifyCommand,
  backupCommand,
  restoreCommand,
  createKeyCommand,
  listKeysCommand,
  revokeKeyCommand,
  listMembersCommand,
  inviteMembersCommand,
  removeMembersCommand,
  listTokensCommand,
  revokeTokenCommand,
]

/** The help of a command group (`audit`, `keys`, …): its commands and their summaries. */
function groupHelp(group: string, commands: readonly Command[]): string {
  const lines = commands.map((c) => `  ${c.name.slice(group.length + 1).padEnd(18)}${c.summary}`)
  return `Usage: gatehouse ${group} <command>

Commands:
${lines.join('\n')}

Run 'gatehouse ${group} <command> --help' for its options.`
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`)
  return `gatehouse: the Gatehouse access control plane

Usage: gatehouse <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help       Show help; 'gatehouse <command> --help' shows a command's
  -v, --version    Show the version

The database is --db URL, else $GATEHOUSE_DATABASE_URL, else sqlite:./.gatehouse/gatehouse.db;
PostgreSQL URLs look like postgres://USER@HOST:5432/DB?schema=NAME.

The keys, members and tokens commands call a running server instead: --url URL, else
$GATEHOUSE_URL, else ${DEFAULT_URL}, with an API key or service token in $GATEHOUSE_TOKEN.

Exit codes: 0 ok, 1 error, 2 invalid input, 3 refused, 4 not found, 5 conflict,
6 audit chain broken.`
}

function version(): string {
  // src/ and dist/ both sit one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown
  }
  return typeof pkg.version === 'string' ? pkg.version : 'unknown'
}

/** The command that `args` names, and the arguments left for it. @throws UsageError */
function resolve(args: readonly string[]): { command: Command | string; rest: readonly string[] } {
  const [first, second, ...others] = args
  const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `))
  if (first !== undefined && group.length > 0) {
    if (second === undefined || second === '--help' || second === '-h' || second === 'help') {
      return { command: groupHelp(first, group), rest: [] }
    }
    const command = group.find((c) => c.name === `${first} ${second}`)
    if (command === undefined) {
      throw new UsageError(`Unknown command '${first} ${second}'`, `gatehouse ${first} --help`)
    }
    return { command, rest: others }
  }
  const command = COMMANDS.find((c) => c.name === first)
  if (command === undefined) {
    throw new UsageError(`Unknown command '${first}'`)
  }
  return { command, rest: args.slice(1) }
}

/**
 * Runs the `gatehouse` command line and returns its exit code. Failures are printed to stderr
 * as `error: CODE: message` (JSON with --json) and mapped to exit codes by error kind.
 */
export async function run(io: CliIo): Promise<number> {
  const args = io.argv
  const json = wantsJson(args)
  try {
    const first = args[0]
    if (first === undefined) {
      throw new UsageError('No command given')
    }
    if (first === '--help' || first === '-h') {
      writeLine(io.stdout, mainHelp())
      return EXIT.ok
    }
    if (first === '--version' || first === '-v') {
      writeLine(io.stdout, version())
      return EXIT.ok
    }
    if (first === 'help') {
      const topic = args.slice(1)
      if (topic.length === 0) {
        writeLine(io.stdout, mainHelp())
        return EXIT.ok
      }
      const { command } = resolve(topic)
      writeLine(io.stdout, typeof command === 'string' ? command : command.help)
      return EXIT.ok
    }
    const { command, rest } = resolve(args)
    if (typeof command === 'string') {
      writeLine(io.stdout, command)
      return EXIT.ok
    }
    if (wantsHelp(rest)) {
      writeLine(io.stdout, command.help)
      return EXIT.ok
    }
    return await command.run(io, rest)
  } catch (err) {
    return reportError(io.stderr, err, json, io.env.GATEHOUSE_DEBUG === '1')
  }
}
