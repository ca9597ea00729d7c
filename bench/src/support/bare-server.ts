import { createServer } from 'node:http'

/*
 * The HTTP baseline: a node:http server that reads each request body and answers a fixed JSON
 * body of the size of an authorize answer. Whatever Gatehouse costs beyond this is its own.
 */

const BODY = JSON.stringify({
  principal: {
    user_id: '00000000-0000-4000-8000-000000000000',
    kind: 'user',
    org_id: '00000000-0000-4000-8000-000000000000',
    credential_kind: 'api_key',
    impersonator_user_id: null,
  },
  results: [{ allowed: true }],
})

const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length })
    res.end(BODY)
  })
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1')
process.once('SIGTERM', () => server.close(() => process.exit(0)))
