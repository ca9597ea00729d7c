import { parseArgs } from 'node:util'
import { parseCommandLine, required } from '../args.js'
import { EXIT, UsageError } from '../errors.js'
import { type CliIo, readSecret, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'
import { DEFAULT_URL, withSession } from './remote.js'

const SEE = 'gatehouse keys create --help'

const HELP = `Usage: gatehouse keys create NAME --email EMAIL --password-stdin [--org ORG]
                             [--url URL] [--json]

Creates a personal API key without a browser: logs in as EMAIL (a session, as the web UI
does), creates the key in that session, prints it once and logs out. Only a session may
create API keys: API keys and service tokens cannot mint credentials.

Options:
  --email EMAIL     Whose key: the account to log in as
  --password-stdin  Read the password from standard input (all of it, less one trailing
                    newline). Required: a password is never an argument.
  --org ORG         The organization (needed only when the account is in several)
  --url URL         The Gatehouse server (default: $GATEHOUSE_URL, else ${DEFAULT_URL})
  --json            Print the API's JSON (the key's fields and its secret as "key")
  -h, --help        Show this help

Example:
  echo "$PASSWORD" | gatehouse keys create ci --email owner@acme.test --password-stdin --json`

export const createKeyCommand: Command = {
  name: 'keys create',
  summary: 'Log in with a password and create an API key (the first credential)',
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values, positionals } = parseCommandLine(SEE, () =>
      parseArgs({
        args: [...args],
        options: {
          email: { type: 'string' },
          'password-stdin': { type: 'boolean' },
          org: { type: 'string' },
          url: { type: 'string' },
          json: { type: 'boolean' },
        },
        allowPositionals: true,
        strict: true,
      }),
    )
    if (positionals.length !== 1) {
      throw new UsageError('Give exactly one NAME for the key', SEE)
    }
    const name = positionals[0] ?? ''
    const email = required(values.email, '--email', SEE)
    if (values['password-stdin'] !== true) {
      throw new UsageError("'--password-stdin' is required: pipe the password in", SEE)
    }
    if (io.stdinIsTty === true) {
      throw new UsageError(
        "'--password-stdin' reads a pipe or a file, not a terminal (where the password would be echoed)",
        SEE,
      )
    }
    const password = await readSecret(io.stdin)
    return withSession(io, values, SEE, { email, password }, async (api) => {
      const created = await api.createApiKey({
        body: { name, ...(values.org === undefined ? {} : { org_name: values.org }) },
      })
      if (values.json === true) {
        writeJson(io.stdout, created)
      } else {
        writeLine(
          io.stdout,
          `Created API key "${created.name}" (${created.id}) for ${email}. It is shown this once:`,
        )
        writeLine(io.stdout, created.key)
      }
      return EXIT.ok
    })
  },
}
