import { parseArgs } from 'node:util'
import {
  BUILTIN_GROUPS,
  bootstrapOrganization,
  PLAN_FEATURES,
  PLANS,
  type Plan,
} from '@gatehouse/core'
import { DB_HELP, DB_OPTION, parseCommandLine, required } from '../args.js'
import { withDatabase } from '../database.js'
import { EXIT, UsageError } from '../errors.js'
import { type CliIo, readSecret, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'

const SEE = 'gatehouse bootstrap --help'

const HELP = `Usage: gatehouse bootstrap --org NAME --email EMAIL [--password-stdin]
                           [--plan starter|pro|enterprise] [--db URL] [--json]

Creates an organization with its built-in permission groups and makes EMAIL its first owner.
A user with that email who does not exist yet is created with the password read from standard
input; an existing user keeps their password and becomes the owner of the new organization.

Options:
  --org NAME        The organization's name (unique on this installation)
  --email EMAIL     The first owner's email address
  --password-stdin  Read the new user's password from standard input: all of it, less one
                    trailing newline (at least 8 characters). Never put a password in an argument.
  --plan PLAN       starter, pro or enterprise (default: enterprise)
${DB_HELP}
  --json            Print {"org_id": …, "user_id": …} instead of a sentence
  -h, --help        Show this help

Example:
  echo 'a long password' | gatehouse bootstrap --org acme --email owner@acme.test --password-stdin`

function parsePlan(value: string | undefined): Plan | undefined {
  if (value === undefined) {
    return undefined
  }
  const plan = PLANS.find((p) => p === value)
  if (plan === undefined) {
    throw new UsageError(`Option '--plan' must be one of ${PLANS.join(', ')}`, SEE)
  }
  return plan
}

export const bootstrapCommand: Command = {
  name: 'bootstrap',
  summary: 'Create an organization and its first owner',
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values } = parseCommandLine(SEE, () =>
      parseArgs({
        args: [...args],
        options: {
          org: { type: 'string' },
          email: { type: 'string' },
          'password-stdin': { type: 'boolean' },
          plan: { type: 'string' },
          json: { type: 'boolean' },
          ...DB_OPTION,
        },
        strict: true,
      }),
    )
    const orgName = required(values.org, '--org', SEE)
    const email = required(values.email, '--email', SEE)
    const plan = parsePlan(values.plan)
    if (values['password-stdin'] === true && io.stdinIsTty === true) {
      throw new UsageError(
        "'--password-stdin' reads a pipe or a file, not a terminal (where the password would be echoed)",
        SEE,
      )
    }
    // Read before opening the database, so a slow writer on the pipe holds no connection.
    const password = values['password-stdin'] === true ? await readSecret(io.stdin) : undefined

    const { org, user, createdUser } = await withDatabase(io, values.db, (db) =>
      bootstrapOrganization(db.deps, { orgName, email, password, plan }),
    )
    if (values.json === true) {
      writeJson(io.stdout, { org_id: org.id, user_id: user.id })
      return EXIT.ok
    }
    const groups = PLAN_FEATURES[org.plan].builtinGroups.map((g) => BUILTIN_GROUPS[g].name)
    const who = createdUser ? 'a new user' : 'an existing user'
    writeLine(
      io.stdout,
      `Created organization "${org.name}" (${org.plan} plan, id ${org.id}) with ` +
        `${groups.length === 1 ? 'group' : 'groups'} ${groups.join(', ')}.`,
    )
    writeLine(io.stdout, `Its owner is ${user.email} (${who}, id ${user.id}).`)
    return EXIT.ok
  },
}
