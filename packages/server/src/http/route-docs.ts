import type { App } from './context.js'
import { openApiDocument } from './openapi.js'

export interface RouteAccess {
  readonly method: string
  readonly path: string
  readonly operationId: string
  readonly summary: string
  /** public, credential (API key, service token or session) or session. */
  readonly auth: string
  readonly permission: string
}

type Doc = ReturnType<typeof openApiDocument>

/** Every documented route with who may call it and what it needs, in document order. */
export function routeAccess(doc: Doc): RouteAccess[] {
  const routes: RouteAccess[] = []
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item?.[method] as Record<string, unknown> | undefined
      if (op === undefined) {
        continue
      }
      routes.push({
        method: method.toUpperCase(),
        path,
        operationId: String(op.operationId ?? ''),
        summary: String(op.summary ?? ''),
        auth: String(op['x-gatehouse-auth'] ?? ''),
        permission: String(op['x-gatehouse-permission'] ?? ''),
      })
    }
  }
  return routes
}

const CALLERS: Record<string, string> = {
  public: 'anyone (no credential)',
  credential: 'session, API key, service token',
  session: 'session only',
}

/** docs/permissions.md: generated from the route table, so it cannot drift from the code. */
export function permissionsMarkdown(app: App): string {
  const rows = routeAccess(openApiDocument(app)).map(
    (r) =>
      `| \`${r.method} ${r.path}\` | ${r.summary} | ${CALLERS[r.auth] ?? r.auth} | ${r.permission} |`,
  )
  return `# Permissions: what each request needs

Generated from the route table by \`npm run docs\`; a test fails when this file and the code
disagree. "Needs" is the permission the caller must hold (directly, through a group, or through
a role; on the object or an ancestor: object → project → all projects → organization). A
caller who holds nothing on an object gets 404 (it does not exist for them); one who holds
something else gets 403 with the rule's message. Any request may add
\`x-bt-impersonate-user\` (the caller must be Owner of every organization of that user); the
minting rules then still see the caller's own credential. Credentials never mint credentials:
API keys come only from a session; service tokens from an owner's session, or from an
owner-level service token while the organization's \`service_tokens_can_mint\` is on; service
accounts from an owner's session or an owner-level service token; never from an API key, never
under impersonation. The settings that govern credentials (\`service_tokens_can_mint\`,
\`direct_ownership_grants\`) change only from an owner's own session, so no credential can
re-open what an owner closed. \`packages/server/src/http/security/\` pins these rules per
credential kind.

| Route | What it does | Who may call | Needs |
| --- | --- | --- | --- |
${rows.join('\n')}
`
}
