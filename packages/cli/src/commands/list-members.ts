import { parseArgs } from 'node:util'
import { parseCommandLine } from '../args.js'
import { EXIT } from '../errors.js'
import { type CliIo, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'
import {
  allPages,
  PAGE_SIZE,
  REMOTE_HELP,
  REMOTE_OPTIONS,
  shortTime,
  withRemote,
  writeTable,
} from './remote.js'

const SEE = 'gatehouse members list --help'

const HELP = `Usage: gatehouse members list [--org NAME] [--url URL] [--json]

Lists the organization's members, newest first: people and service accounts, with when each
person was last seen in a browser session.

Options:
  --org NAME        The organization (needed only when the credential has several)
${REMOTE_HELP}`

export const listMembersCommand: Command = {
  name: 'members list',
  summary: "List the organization's members",
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
      const users = await allPages((after) =>
        api.listUsers({
          query: { org_name: values.org, limit: PAGE_SIZE, starting_after: after },
        }),
      )
      if (values.json === true) {
        writeJson(io.stdout, { objects: users })
        return EXIT.ok
      }
      writeTable(
        io.stdout,
        ['ID', 'EMAIL', 'NAME', 'KIND', 'JOINED', 'LAST ACTIVE'],
        users.map((u) => [
          u.id,
          u.email ?? '-',
          [u.given_name, u.family_name].filter((n) => n !== null).join(' ') || '-',
          u.kind,
          shortTime(u.created),
          shortTime(u.last_active_at),
        ]),
      )
      if (users.length === 0) {
        writeLine(io.stdout, 'No members.')
      }
      return EXIT.ok
    })
  },
}
