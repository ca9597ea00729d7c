import { parseArgs } from 'node:util'
import type { GatehouseApi } from '@gatehouse/client'
import { parseCommandLine } from '../args.js'
import { EXIT, UsageError } from '../errors.js'
import { type CliIo, writeJson, writeLine } from '../io.js'
import type { Command } from './command.js'
import { REMOTE_HELP, REMOTE_OPTIONS, withRemote } from './remote.js'

interface Revoked {
  readonly id: string
  readonly name: string
}

interface RevokeSpec<T extends Revoked> {
  /** `keys` or `tokens`: the command group. */
  readonly group: string
  /** "API key", "service token". */
  readonly noun: string
  /** Who may revoke what, for the help. */
  readonly who: string
  readonly revoke: (api: GatehouseApi, id: string) => Promise<T>
  /** Whose credential it was, for the confirmation line. */
  readonly owner: (revoked: T) => string | null
}

/** `gatehouse keys revoke ID`, `gatehouse tokens revoke ID`: one shape, two credentials. */
function revokeCommand<T extends Revoked>(spec: RevokeSpec<T>): Command {
  const see = `gatehouse ${spec.group} revoke --help`
  return {
    name: `${spec.group} revoke`,
    summary: `Revoke ${spec.noun === 'API key' ? 'an' : 'a'} ${spec.noun}`,
    help: `Usage: gatehouse ${spec.group} revoke ID [--url URL] [--json]

Revokes the ${spec.noun} with this id (from 'gatehouse ${spec.group} list'): the next request
made with it is refused. ${spec.who}

Options:
${REMOTE_HELP}`,
    async run(io: CliIo, args: readonly string[]): Promise<number> {
      const { values, positionals } = parseCommandLine(see, () =>
        parseArgs({
          args: [...args],
          options: REMOTE_OPTIONS,
          strict: true,
          allowPositionals: true,
        }),
      )
      const [id, ...extra] = positionals
      if (id === undefined || extra.length > 0) {
        throw new UsageError(`Name exactly one ${spec.noun} id`, see)
      }
      return withRemote(io, values, see, async ({ api }) => {
        const revoked = await spec.revoke(api, id)
        if (values.json === true) {
          writeJson(io.stdout, revoked)
        } else {
          const owner = spec.owner(revoked)
          const of = owner === null ? '' : ` of ${owner}`
          writeLine(io.stdout, `Revoked ${spec.noun} "${revoked.name}" (${revoked.id})${of}.`)
        }
        return EXIT.ok
      })
    },
  }
}

export const revokeKeyCommand = revokeCommand({
  group: 'keys',
  noun: 'API key',
  who: 'Your own keys, or, as an owner, any key of the organization.',
  revoke: (api, id) => api.deleteApiKey({ params: { api_key_id: id } }),
  owner: (key) => key.user_email,
})

export const revokeTokenCommand = revokeCommand({
  group: 'tokens',
  noun: 'service token',
  who: 'Owners only.',
  revoke: (api, id) => api.deleteServiceToken({ params: { service_token_id: id } }),
  owner: (token) => token.service_account_name,
})
