import { parseArgs } from 'node:util'
import { parseCommandLine } from '../args.js'
import { EXIT, UsageError } from '../errors.js'
import { type CliIo, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'
import { REMOTE_HELP, REMOTE_OPTIONS, shortTime, withRemote } from './remote.js'

const SEE = 'gatehouse members invite --help'

const HELP = `Usage: gatehouse members invite EMAIL... --group NAME [--group NAME]... [--org NAME]
                                [--url URL] [--json]

Invites each EMAIL into the organization, as a member of the named permission groups (at least
one; e.g. Owners, Engineers, Viewers), and prints each invitation's link, valid 7 days.
Gatehouse sends no mail: give each person their link, which is shown this once. You may only
invite into groups whose grants you hold yourself.

Options:
  --group NAME      A group the invitees join (repeat for several)
  --org NAME        The organization (needed only when the credential has several)
${REMOTE_HELP}`

export const inviteMembersCommand: Command = {
  name: 'members invite',
  summary: 'Invite people into the organization and its groups',
  help: HELP,
  async run(io: CliIo, args: readonly string[]): Promise<number> {
    const { values, positionals } = parseCommandLine(SEE, () =>
      parseArgs({
        args: [...args],
        options: {
          group: { type: 'string', multiple: true },
          org: { type: 'string' },
          ...REMOTE_OPTIONS,
        },
        strict: true,
        allowPositionals: true,
      }),
    )
    if (positionals.length === 0) {
      throw new UsageError('Name at least one email address to invite', SEE)
    }
    return withRemote(io, values, SEE, async ({ api }) => {
      const result = await api.updateOrganizationMembers({
        body: {
          invite_users: { emails: positionals, group_names: values.group ?? [] },
          ...(values.org === undefined ? {} : { org_name: values.org }),
        },
      })
      if (values.json === true) {
        writeJson(io.stdout, { org_id: result.org_id, invitations: result.invitations })
        return EXIT.ok
      }
      for (const invitation of result.invitations) {
        writeLine(
          io.stdout,
          `Invited ${invitation.email}: ${invitation.invite_url} (until ${shortTime(invitation.expires_at)} UTC)`,
        )
      }
      writeLine(io.stdout, 'Gatehouse sends no mail: give each person their link.')
      return EXIT.ok
    })
  },
}
