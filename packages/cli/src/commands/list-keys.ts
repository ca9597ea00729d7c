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

const SEE = 'gatehouse keys list --help'

const HELP = `Usage: gatehouse keys list [--mine] [--org NAME] [--url URL] [--json]

Lists the organization's API keys, newest first: every member's, revoked ones included, with
when each was last used. That inventory is for owners; with --mine, only your own keys. Keys
are shown by their preview (their first characters): the secret is never shown again.

Options:
  --mine            Only the keys of the credential's own user
  --org NAME        The organization (needed only when the credential has several)
${REMOTE_HELP}`

export const listKeysCommand: Command = {
  name: 'keys list',
  summary: "List the organization's API keys (owners), or your own",
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values } = parseCommandLine(SEE, () =>
      parseArgs({
        args: [...args],
        options: { mine: { type: 'boolean' }, org: { type: 'string' }, ...REMOTE_OPTIONS },
        strict: true,
      }),
    )
    return withRemote(io, values, SEE, async ({ api }) => {
      const keys = await allPages((after) =>
        api.listApiKeys({
          query: {
            scope: values.mine === true ? 'self' : 'org',
            org_name: values.org,
            limit: PAGE_SIZE,
            starting_after: after,
          },
        }),
      )
      if (values.json === true) {
        writeJson(io.stdout, { objects: keys })
        return EXIT.ok
      }
      if (keys.length === 0) {
        writeLine(io.stdout, 'No API keys.')
        return EXIT.ok
      }
      writeTable(
        io.stdout,
        ['ID', 'NAME', 'KEY', 'USER', 'CREATED', 'LAST USED', 'EXPIRES', 'STATUS'],
        keys.map((k) => [
          k.id,
          k.name,
          k.preview_name,
          k.user_email ?? '-',
          shortTime(k.created),
          shortTime(k.last_used_at),
          shortTime(k.expires_at),
          credentialStatus(k),
        ]),
      )
      return EXIT.ok
    })
  },
}
