import { parseArgs } from 'node:util'
import { parseCommandLine } from '../args.js'
import { EXIT, UsageError } from '../errors.js'
import { type CliIo, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'
import { REMOTE_HELP, REMOTE_OPTIONS, withRemote } from './remote.js'

const SEE = 'gatehouse members remove --help'

const HELP = `Usage: gatehouse members remove EMAIL... [--org NAME] [--url URL] [--json]

Removes each member from the organization, in one transaction: they leave every group, lose
their direct grants, and their API keys in this organization are revoked. The organization
keeps at least one owner.

Options:
  --org NAME        The organization (needed only when the credential has several)
${REMOTE_HELP}`

export const removeMembersCommand: Command = {
  name: 'members remove',
  summary: 'Remove members from the organization and revoke their keys',
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values, positionals } = parseCommandLine(SEE, () =>
      parseArgs({
        args: [...args],
        options: { org: { type: 'string' }, ...REMOTE_OPTIONS },
        strict: true,
        allowPositionals: true,
      }),
    )
    if (positionals.length === 0) {
      throw new UsageError('Name at least one member email address', SEE)
    }
    return withRemote(io, values, SEE, async ({ api }) => {
      const result = await api.updateOrganizationMembers({
        body: {
          remove_users: { emails: positionals },
          ...(values.org === undefined ? {} : { org_name: values.org }),
        },
      })
      if (values.json === true) {
        writeJson(io.stdout, { org_id: result.org_id, removed: positionals })
      } else {
        writeLine(io.stdout, `Removed ${positionals.join(', ')}.`)
      }
      return EXIT.ok
    })
  },
}
