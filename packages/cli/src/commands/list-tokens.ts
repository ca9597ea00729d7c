import { parseArgs } from 'node:util'
import { parseCommandLine } from '../args.js'
import { EXIT } from '../errors.js'
import { type CliIo, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'
import {
  allPages,
  credentialStatus,
  PAGE_SIZE,
  REMOTE_HELP,
  REMOTE_OPTIONS,
  shortTime,
  withRemote,
  writeTable,
} from './remote.js'

const SEE = 'gatehouse tokens list --help'

const HELP = `Usage: gatehouse tokens list [--org NAME] [--url URL] [--json]

Lists the organization's service tokens, newest first, with their service accounts and when
each was last used (owners only). Tokens are shown by their preview: the secret is never shown
again.

Options:
  --org NAME        The organization (needed only when the credential has several)
${REMOTE_HELP}`

export const listTokensCommand: Command = {
  name: 'tokens list',
  summary: "List the organization's service tokens (owners)",
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values } = parseCommandLine(SEE, () =>
      parseArgs({
        args: [...args],
        options: { org: { type: 'string' }, ...REMOTE_OPTIONS },
        strict: true,
      }),
    )
    return withRemote(io, values, SEE, async ({ api }) => {
      const tokens = await allPages((after) =>
        api.listServiceTokens({
          query: { org_name: values.org, limit: PAGE_SIZE, starting_after: after },
        }),
      )
      if (values.json === true) {
        writeJson(io.stdout, { objects: tokens })
        return EXIT.ok
      }
      if (tokens.length === 0) {
        writeLine(io.stdout, 'No service tokens.')
        return EXIT.ok
      }
      writeTable(
        io.stdout,
        ['ID', 'NAME', 'TOKEN', 'SERVICE ACCOUNT', 'CREATED', 'LAST USED', 'EXPIRES', 'STATUS'],
        tokens.map((t) => [
          t.id,
          t.name,
          t.preview_name,
          t.service_account_name ?? '-',
          shortTime(t.created),
          shortTime(t.last_used_at),
          shortTime(t.expires_at),
          credentialStatus(t),
        ]),
      )
      return EXIT.ok
    })
  },
}
