import type { Server } from 'node:http'
import { type AddressInfo, connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config.js'
import { createNodeServer } from './node-server.js'
import { DEFAULT_TIMEOUTS, type ServerTimeouts } from './server-timeouts.js'

/*
 * Slow clients against the node:http server, on loopback with short timeouts: a client that
 * never finishes its headers or its body is cut off, with the error envelope, within a bound.
 */

const SHORT: ServerTimeouts = { headersMs: 300, requestMs: 600, keepAliveMs: 300 }
/** How late a cut may come: node checks on an interval (a quarter of headersMs), on a busy CI box. */
const SLACK_MS = 1500

let servers: Server[] = []

afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  servers = []
})

async function serve(timeouts: ServerTimeouts): Promise<number> {
  const handlers = {
    fetch: async (request: Request) => {
      await request.text()
      return Response.json({ ok: true })
    },
  }
  const server = createNodeServer(() => handlers, timeouts)
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return (server.address() as AddressInfo).port
}

interface Cut {
  /** Milliseconds from connecting to the server closing the connection. */
  readonly afterMs: number
  /** Everything the server wrote. */
  readonly received: string
}

/**
 * Connects, writes `first`, then keeps writing `drip` every 50 ms (a slowloris client: always
 * sending, never done) until the server closes the connection or `giveUpMs` passes.
 */
async function slowClient(port: number, first: string, drip: string, giveUpMs = 5000) {
  const socket: Socket = connect(port, '127.0.0.1')
  const started = performance.now()
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    received += chunk
  })
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(first)
  const timer = setInterval(() => {
    if (socket.writable) {
      socket.write(drip)
    }
  }, 50)
  return new Promise<Cut>((resolve, reject) => {
    const guard = setTimeout(() => {
      clearInterval(timer)
      socket.destroy()
      reject(new Error(`the server kept a slow client for ${giveUpMs} ms`))
    }, giveUpMs)
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearInterval(timer)
      clearTimeout(guard)
      resolve({ afterMs: performance.now() - started, received })
    })
  })
}

function envelopeOf(received: string): { status: number; code: string | undefined } {
  const status = Number(received.slice(9, 12))
  const body = received.slice(received.indexOf('\r\n\r\n') + 4)
  const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } }
  expect(parsed.error?.message).toEqual(expect.any(String))
  return { status, code: parsed.error?.code }
}

describe('slow clients are cut off', () => {
  it('headers that never end: 408 REQUEST_TIMEOUT after the headers timeout', async () => {
    const port = await serve(SHORT)
    const cut = await slowClient(port, 'GET /healthz HTTP/1.1\r\nhost: x\r\n', 'x-a: b\r\n')
    expect(cut.afterMs).toBeGreaterThanOrEqual(SHORT.headersMs - 50)
    expect(cut.afterMs).toBeLessThan(SHORT.headersMs + SLACK_MS)
    expect(envelopeOf(cut.received)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT' })
  })

  it('a body that never ends: 408 REQUEST_TIMEOUT after the request timeout', async () => {
    const port = await serve(SHORT)
    const cut = await slowClient(
      port,
      'POST /v1/project HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{',
      ' ',
    )
    expect(cut.afterMs).toBeGreaterThanOrEqual(SHORT.requestMs - 50)
    expect(cut.afterMs).toBeLessThan(SHORT.requestMs + SLACK_MS)
    expect(envelopeOf(cut.received)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT' })
  })

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const port = await serve(SHORT)
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    const answered = new Promise<number>((resolve) => {
      socket.on('data', () => {
        if (received.includes('{"ok":true}')) {
          resolve(performance.now())
        }
      })
    })
    socket.write('GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n')
    const at = await answered
    const closedAt = await new Promise<number>((resolve) =>
      socket.on('close', () => resolve(performance.now())),
    )
    expect(received.startsWith('HTTP/1.1 200')).toBe(true)
    // node keeps an idle socket up to one second past keepAliveTimeout (measured on node 20).
    expect(closedAt - at).toBeGreaterThanOrEqual(SHORT.keepAliveMs - 50)
    expect(closedAt - at).toBeLessThan(SHORT.keepAliveMs + 1000 + SLACK_MS)
  })

  it('headers over the size limit: 431 HEADERS_TOO_LARGE in the envelope', async () => {
    const port = await serve(SHORT)
    const cut = await slowClient(
      port,
      `GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(32 * 1024)}\r\n\r\n`,
      '',
    )
    expect(envelopeOf(cut.received)).toEqual({ status: 431, code: 'HEADERS_TOO_LARGE' })
  })

  it('a URL over the size limit reaches a client that is still sending it as 431', async () => {
    const port = await serve(SHORT)
    const ids = Array.from({ length: 600 }, () => 'ids=7c9e6679-7425-40de-944b-e07fc1f0d4aa')
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/project?${ids.join('&')}`)
      expect(res.status).toBe(431)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'HEADERS_TOO_LARGE',
      )
    }
  })

  it('bytes that are not HTTP: 400 MALFORMED_REQUEST in the envelope', async () => {
    const port = await serve(SHORT)
    const cut = await slowClient(port, 'NOT HTTP AT ALL\r\n\r\n', '')
    expect(envelopeOf(cut.received)).toEqual({ status: 400, code: 'MALFORMED_REQUEST' })
  })
})

describe('timeout settings', () => {
  const db = 'sqlite::memory:'
  it('default to 10 s for headers, 30 s for the request, 5 s keep-alive', () => {
    expect(loadConfig({ flags: { db } }).timeouts).toEqual(DEFAULT_TIMEOUTS)
    expect(DEFAULT_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 })
  })

  it('come from the environment, and a headers timeout past the request timeout is refused', () => {
    const env = {
      GATEHOUSE_HEADERS_TIMEOUT_MS: '2000',
      GATEHOUSE_REQUEST_TIMEOUT_MS: '4000',
      GATEHOUSE_KEEP_ALIVE_TIMEOUT_MS: '1000',
    }
    expect(loadConfig({ flags: { db }, env }).timeouts).toEqual({
      headersMs: 2000,
      requestMs: 4000,
      keepAliveMs: 1000,
    })
    expect(() =>
      loadConfig({ flags: { db }, env: { ...env, GATEHOUSE_HEADERS_TIMEOUT_MS: '5000' } }),
    ).toThrow(ConfigError)
    expect(() =>
      loadConfig({ flags: { db }, env: { ...env, GATEHOUSE_REQUEST_TIMEOUT_MS: 'soon' } }),
    ).toThrow(/GATEHOUSE_REQUEST_TIMEOUT_MS/)
  })
})
