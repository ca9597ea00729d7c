import { escapeHtml, layout } from './layout.js'

interface Operation {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  'x-gatehouse-auth'?: string
  'x-gatehouse-permission'?: string
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> }
  responses?: Record<string, { description?: string }>
}

interface Document {
  info: { title: string; version: string; description?: string }
  paths?: object
}

const AUTH_WORDS: Record<string, string> = {
  public: 'no credential',
  credential: 'API key, service token or session',
  session: 'browser session only',
}

/**
 * The readable API reference at /docs, rendered once from the OpenAPI document: every operation
 * by tag, with who may call it and the permission it needs. `{{nonce}}` is filled per response.
 */
export function renderApiReference(doc: Document): string {
  const byTag = new Map<string, string[]>()
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation> | undefined>
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods ?? {})) {
      const tag = op.tags?.[0] ?? 'Other'
      const schema = Object.values(op.requestBody?.content ?? {})[0]
        ?.schema?.$ref?.split('/')
        .pop()
      const statuses = Object.keys(op.responses ?? {}).join(' ')
      const auth = op['x-gatehouse-auth'] ?? 'credential'
      const entry = `<div class="op" id="${escapeHtml(op.operationId ?? '')}">
<div><span class="method">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code></div>
<div>${escapeHtml(op.summary ?? '')}</div>
${op.description === undefined ? '' : `<div class="muted">${escapeHtml(op.description)}</div>`}
<div class="muted">Caller: ${escapeHtml(AUTH_WORDS[auth] ?? auth)} · Needs: ${escapeHtml(op['x-gatehouse-permission'] ?? '')}${schema === undefined ? '' : ` · Body: <code>${escapeHtml(schema)}</code>`} · Responses: ${escapeHtml(statuses)}</div>
</div>`
      byTag.set(tag, [...(byTag.get(tag) ?? []), entry])
    }
  }
  const sections = [...byTag]
    .map(([tag, ops]) => `<h2>${escapeHtml(tag)}</h2>${ops.join('\n')}`)
    .join('\n')
  return layout(
    '{{nonce}}',
    'API reference',
    `<h1>${escapeHtml(doc.info.title)} API ${escapeHtml(doc.info.version)}</h1>
<p class="muted">${escapeHtml(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI 3.1). Authenticate with
<code>Authorization: Bearer sk-…</code> (API key) or <code>bt-st-…</code> (service token); add
<code>x-bt-impersonate-user</code> to act as a user you own every organization of.</p>
${sections}`,
  )
}
