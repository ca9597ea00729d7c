import { Agent, request } from 'node:http'

export interface HttpReply {
  readonly status: number
  readonly body: string
}

/** Keep-alive, as a data plane's client would be; one agent per caller that needs its own. */
export function createHttpClient(sockets = 8) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets })
  return {
    send(
      url: string,
      options: { method?: string; headers?: Record<string, string>; body?: string } = {},
    ): Promise<HttpReply> {
      return new Promise((resolve, reject) => {
        const req = request(
          url,
          { method: options.method ?? 'GET', headers: options.headers, agent },
          (res) => {
            let body = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => {
              body += chunk
            })
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
            res.on('error', reject)
          },
        )
        req.on('error', reject)
        req.end(options.body)
      })
    },
    close: () => agent.destroy(),
  }
}
