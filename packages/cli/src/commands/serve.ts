import { parseArgs } from 'node:util'
import { ConfigError, loadConfig, runServer } from '@gatehouse/server'
import { DB_HELP, DB_OPTION, parseCommandLine } from '../args.js'
import { withBundledUi } from '../bundled-ui.js'
import { EXIT, UsageError } from '../errors.js'
import { type CliIo, writeLine } from '../io.js'
import type { Command } from './command.js'

const OPTIONS_HELP = `Options:
  --port N          Port to listen on (default: $PORT, else 8700)
  --host H          Address to listen on (default: $HOST, else 127.0.0.1)
${DB_HELP}
  -h, --help        Show this help

Environment: GATEHOUSE_PUBLIC_URL (the URL people reach Gatehouse at: invitation links, secure
cookies when https), LOG_LEVEL (info), GATEHOUSE_TRUST_PROXY (false), GATEHOUSE_METRICS_TOKEN
(bearer token for /metrics; unset: loopback only), GATEHOUSE_CACHE_CREDENTIALS (100000; 0 turns
the decision cache off), GATEHOUSE_CACHE_ORGS (1000), GATEHOUSE_CACHE_TTL_MS (30000),
GATEHOUSE_LOGIN_ACCOUNT_LIMIT (100), GATEHOUSE_LOGIN_IP_LIMIT (300) and GATEHOUSE_LOGIN_WINDOW_MS
(3600000): failed logins allowed per account and per client address within the window.
GATEHOUSE_HEADERS_TIMEOUT_MS (10000), GATEHOUSE_REQUEST_TIMEOUT_MS (30000) and
GATEHOUSE_KEEP_ALIVE_TIMEOUT_MS (5000) against slow clients.
Stops gracefully on SIGTERM or SIGINT: requests in flight finish, the database is closed.`

function serveHelp(name: string): string {
  return `Usage: gatehouse ${name} [--port N] [--host H] [--db URL]

Serves Gatehouse (REST API, /openapi.json, /docs) after applying database migrations. With no
organization yet, prints a one-time setup link (valid one hour) for the first owner.

${OPTIONS_HELP}`
}

/** Resolves on the first SIGTERM or SIGINT. */
function shutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', stop)
      process.off('SIGINT', stop)
      resolve(signal)
    }
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
  })
}

function serveCommand(name: string, summary: string): Command {
  const help = serveHelp(name)
  return {
    name,
    summary,
    help,
    async run(io: CliIo, args: readonly string[]): Promise<number> {
      const { values } = parseCommandLine(`gatehouse ${name} --help`, () =>
        parseArgs({
          args: [...args],
          options: { ...DB_OPTION, port: { type: 'string' }, host: { type: 'string' } },
          strict: true,
        }),
      )
      let config: ReturnType<typeof loadConfig>
      try {
        config = loadConfig({ flags: values, env: withBundledUi(io.env) })
      } catch (err) {
        if (err instanceof ConfigError) {
          throw new UsageError(err.message, `gatehouse ${name} --help`)
        }
        throw err
      }
      const stopped = shutdownSignal()
      const server = await runServer(config)
      writeLine(
        io.stderr,
        `Gatehouse is serving at ${server.url}  (API reference: ${server.url}/docs)`,
      )
      if (server.setupUrl !== undefined) {
        writeLine(io.stderr, 'No organization exists yet. Create the first one and its owner at:')
        writeLine(io.stderr, `  ${server.setupUrl}`)
        writeLine(io.stderr, '(this link works once, for one hour, from this process)')
      }
      const signal = await stopped
      writeLine(io.stderr, `${signal}: finishing requests in flight and closing the database`)
      await server.close()
      return EXIT.ok
    },
  }
}

export const serveCmd = serveCommand('serve', 'Serve the REST API (migrations are applied first)')
/** `npm start`: the same as serve, with every default. */
export const startCmd = serveCommand('start', 'Same as serve (what `npm start` runs)')
