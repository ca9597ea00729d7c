import type { FuzzOperation, FuzzParameter, JsonSchema } from './openapi-operations.js'
import type { Rng } from './prng.js'

/*
 * Requests made from an operation's schemas: first a plausible one (known ids of the seeded
 * world, names and emails that could exist), then zero to three mutations of it — wrong types,
 * missing and extra fields, huge, unicode and NUL strings, `__proto__` and `constructor` keys,
 * deep nesting, bad UUIDs, wrong content types, empty, malformed and oversized bodies, bad query
 * parameters, broken credentials. A request is a plain description; the suite sends it.
 */

/** What the seeded world offers a request: ids that exist, names that exist. */
export interface FuzzPools {
  readonly ids: readonly string[]
  readonly orgNames: readonly string[]
  readonly emails: readonly string[]
  readonly names: readonly string[]
  readonly tokens: readonly string[]
}

/** How the request authenticates (the suite turns this into headers). */
export type FuzzAuth =
  | 'session'
  | 'key'
  | 'none'
  | 'session-without-csrf'
  | 'bad-bearer'
  | 'key-and-session'
  | 'impersonate'

export interface FuzzRequest {
  readonly method: string
  /** The path with its parameters filled in, percent-encoded as sent. */
  readonly path: string
  /** `name=value` pairs, percent-encoded as sent. */
  readonly query: readonly string[]
  /** undefined: no content-type header. */
  readonly contentType: string | undefined
  readonly body: string | undefined
  readonly auth: FuzzAuth
  /** For `impersonate`: the header's value. */
  readonly impersonate?: string | undefined
  /** What was done to the plausible request, for the failure report. */
  readonly mutations: readonly string[]
}

/** Over the server's 1 MiB body limit. */
const OVERSIZED = 1024 * 1024 + 512

const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  'name\u0000',
  '%00',
  '',
  ' ',
  '   padded   ',
  '\t\r\n',
  'ünïcødé',
  '日本語の名前',
  '😀🔥👩‍👩‍👧‍👦',
  '\u202eevil\u202c',
  'e\u0301\u0301\u0301',
  '\u200b\u200b',
  '\ud800',
  '\udfff\ud800',
  '\uffff\ufffe',
  "' OR '1'='1",
  "'; drop table users; --",
  '"quoted"',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, as sent
  '${jndi:ldap://x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  'NaN',
  '1e400',
  '00000000-0000-0000-0000-000000000000',
  'sk-notarealkey',
  'bt-st-notarealtoken',
]

const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  'x',
  [],
  [null],
  [[]],
  {},
  { a: 1 },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
]

const BAD_UUIDS: readonly string[] = [
  'not-a-uuid',
  '1',
  '%00',
  '%2e%2e',
  '%ZZ',
  '%E0%A4%A',
  '00000000-0000-0000-0000-00000000000g',
  '7C9E6679-7425-40DE-944B-E07FC1F0D4AA',
  '7c9e6679742540de944be07fc1f0d4aa',
  '{7c9e6679-7425-40de-944b-e07fc1f0d4aa}',
  '7c9e6679-7425-40de-944b-e07fc1f0d4aa%00',
  `7c9e6679-7425-40de-944b-e07fc1f0d4aa${'a'.repeat(40)}`,
  'x'.repeat(4000),
  '%F0%9F%98%80',
  'null',
  '__proto__',
]

const CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=latin1',
  'application/jsonx',
  'APPLICATION/JSON',
  '*/*',
  '',
]

const QUERY_VALUES: readonly string[] = [
  '-1',
  '1001',
  '99999999999999999999',
  '1.5',
  'abc',
  '',
  'null',
  'true',
  '%00',
  '%ZZ',
  'a%00b',
  '%E2%80%AE',
  '1e3',
  '0x10',
  ' 5',
  'x'.repeat(5000),
]

const UNKNOWN_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'unexpected_field',
  'id',
  'org_id',
  '',
]

const UNKNOWN_QUERY: readonly string[] = [
  '__proto__',
  'constructor',
  'toString',
  'unexpected',
  'api_key',
  'token',
  'limit[]',
  'ids[0]',
]

/** A fresh copy each time: mutations edit values in place, and a shared one would be edited too. */
function wrongValue(rng: Rng): unknown {
  return JSON.parse(JSON.stringify(rng.pick(WRONG_VALUES)))
}

function randomUuid(rng: Rng): string {
  const hex = () => rng.int(16).toString(16)
  const part = (n: number) => Array.from({ length: n }, hex).join('')
  return `${part(8)}-${part(4)}-4${part(3)}-${rng.pick(['8', '9', 'a', 'b'])}${part(3)}-${part(12)}`
}

function word(rng: Rng, min: number, max: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_ .'
  const length = rng.between(Math.max(1, min), Math.max(Math.max(1, min), max))
  let out = ''
  for (let i = 0; i < length; i++) {
    out += alphabet[rng.int(alphabet.length)]
  }
  return out.trim() === '' ? `w${out}` : out
}

function hostileString(rng: Rng): string {
  if (rng.chance(0.15)) {
    // Huge, but under the body limit.
    return rng.pick(['a', 'é', '😀', '\u0000']).repeat(rng.between(1000, 200_000))
  }
  const picked = rng.pick(HOSTILE_STRINGS)
  return rng.chance(0.3) ? `${word(rng, 1, 8)}${picked}${word(rng, 1, 8)}` : picked
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) {
    return []
  }
  return typeof schema.type === 'string' ? [schema.type] : [...schema.type]
}

/** A value `schema` accepts (most of the time: names may clash, ids may be of another kind). */
export function plausible(
  schema: JsonSchema,
  rng: Rng,
  pools: FuzzPools,
  name = '',
  depth = 0,
): unknown {
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined && alternatives.length > 0) {
    return plausible(rng.pick(alternatives), rng, pools, name, depth)
  }
  if (schema.const !== undefined) {
    return schema.const
  }
  if (schema.enum !== undefined && schema.enum.length > 0) {
    return rng.pick(schema.enum)
  }
  const types = typesOf(schema)
  if (types.includes('null') && rng.chance(0.1)) {
    return null
  }
  const type = types.find((t) => t !== 'null')
  switch (type) {
    case 'string':
      return plausibleString(schema, rng, pools, name)
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0
      const max = Math.min(schema.maximum ?? 1000, min + 1000)
      return rng.between(min, max)
    }
    case 'boolean':
      return rng.chance(0.5)
    case 'array': {
      const min = schema.minItems ?? 0
      const count = rng.between(min, Math.max(min, Math.min(schema.maxItems ?? 3, 3)))
      return Array.from({ length: count }, () =>
        plausible(schema.items ?? {}, rng, pools, name, depth + 1),
      )
    }
    case 'object': {
      const out: Record<string, unknown> = {}
      const required = new Set(schema.required ?? [])
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || rng.chance(0.4)) {
          out[key] = plausible(child, rng, pools, key, depth + 1)
        }
      }
      if (schema.properties === undefined && depth < 3 && rng.chance(0.5)) {
        out[word(rng, 1, 8)] = plausible({}, rng, pools, '', depth + 1)
      }
      return out
    }
    default:
      // Anything at all (a free-form JSON value).
      return rng.pick<unknown>([
        word(rng, 1, 10),
        rng.int(100),
        true,
        null,
        [word(rng, 1, 4)],
        { [word(rng, 1, 6)]: word(rng, 1, 6) },
      ])
  }
}

function plausibleString(schema: JsonSchema, rng: Rng, pools: FuzzPools, name: string): string {
  if (schema.format === 'uuid') {
    return rng.chance(0.8) ? rng.pick(pools.ids) : randomUuid(rng)
  }
  if (schema.format === 'date-time') {
    const offset = rng.between(-400, 400) * 86_400_000
    return new Date(Date.UTC(2026, 11, 1) + offset).toISOString()
  }
  const max = Math.min(schema.maxLength ?? 32, 32)
  const min = Math.min(schema.minLength ?? 0, max)
  if (name.includes('email')) {
    return rng.chance(0.6) ? rng.pick(pools.emails) : `${word(rng, 3, 10)}@example.com`
  }
  if (name === 'org_name') {
    return rng.chance(0.8) ? rng.pick(pools.orgNames) : word(rng, min, max)
  }
  if (name === 'token') {
    return rng.chance(0.5) && pools.tokens.length > 0 ? rng.pick(pools.tokens) : word(rng, 8, 40)
  }
  if (name.includes('password')) {
    return word(rng, 8, 40)
  }
  if (name.endsWith('_url')) {
    return `https://${word(rng, 3, 10).replace(/[^a-z0-9]/g, 'x')}.example.com`
  }
  if (name.endsWith('name') && rng.chance(0.3)) {
    return rng.pick(pools.names)
  }
  return word(rng, min, max)
}

/** Paths (keys and indexes) of every node in `value`, the root included. */
function nodesOf(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path)
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      nodesOf(child, [...path, i], out)
    })
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      nodesOf(child, [...path, key], out)
    }
  }
  return out
}

function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root
  for (const key of path) {
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

/** Sets as an own, enumerable property (`__proto__` included: JSON.stringify then sends it). */
function defineAt(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/** Replaces the node at `path` (not the root); returns false when there is none. */
function setAt(root: unknown, path: readonly (string | number)[], value: unknown): boolean {
  if (path.length === 0) {
    return false
  }
  const parent = getAt(root, path.slice(0, -1))
  if (typeof parent !== 'object' || parent === null) {
    return false
  }
  defineAt(parent, path[path.length - 1] as string | number, value)
  return true
}

/** A marker that JSON text replaces afterwards (deep nesting is built as text, not objects). */
const DEEP = '\u0001deep\u0001'

function deepText(rng: Rng): string {
  const depth = rng.pick([40, 200, 5_000, 100_000])
  return rng.chance(0.5)
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

interface Draft {
  method: string
  pathValues: Record<string, string>
  query: string[]
  body: unknown
  /** Set by a mutation that decides the body's text itself. */
  bodyText: string | undefined
  hasBody: boolean
  contentType: string | undefined
  auth: FuzzAuth
  impersonate: string | undefined
  deep: string | undefined
}

type Mutation = (draft: Draft, rng: Rng, op: FuzzOperation, pools: FuzzPools) => boolean

const bodyMutation =
  (apply: (draft: Draft, rng: Rng, op: FuzzOperation) => boolean): Mutation =>
  (draft, rng, op) =>
    draft.hasBody && draft.bodyText === undefined && apply(draft, rng, op)

/** Some node of the body, not the root, or undefined. */
function someNode(draft: Draft, rng: Rng): (string | number)[] | undefined {
  const nodes = nodesOf(draft.body).filter((p) => p.length > 0)
  return nodes.length === 0 ? undefined : rng.pick(nodes)
}

function someObject(draft: Draft, rng: Rng): object | undefined {
  const objects = nodesOf(draft.body)
    .map((p) => getAt(draft.body, p))
    .filter((v): v is object => typeof v === 'object' && v !== null && !Array.isArray(v))
  return objects.length === 0 ? undefined : rng.pick(objects)
}

function queryPair(name: string, value: string): string {
  // Values that are percent-escapes already (%00, %ZZ) go as they are.
  if (/%/.test(value) && !/[^%0-9A-Za-z]/.test(value)) {
    return `${encodeURIComponent(name)}=${value}`
  }
  try {
    return `${encodeURIComponent(name)}=${encodeURIComponent(value)}`
  } catch {
    // A lone surrogate has no UTF-8 form: surrogates go as U+FFFD, as a browser sends them.
    return `${encodeURIComponent(name)}=${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'))}`
  }
}

const MUTATIONS: Record<string, Mutation> = {
  'wrong-type': bodyMutation((draft, rng) => {
    const node = someNode(draft, rng)
    if (node === undefined) {
      draft.body = wrongValue(rng)
      return true
    }
    return setAt(draft.body, node, wrongValue(rng))
  }),
  'missing-field': bodyMutation((draft, rng, op) => {
    const required = op.body?.schema.required ?? []
    const present = Object.keys((draft.body ?? {}) as object)
    const keys = required.length > 0 ? required : present
    if (keys.length === 0 || typeof draft.body !== 'object' || draft.body === null) {
      return false
    }
    delete (draft.body as Record<string, unknown>)[rng.pick(keys)]
    return true
  }),
  'extra-field': bodyMutation((draft, rng, _op) => {
    const target = someObject(draft, rng)
    if (target === undefined) {
      return false
    }
    defineAt(target, rng.chance(0.5) ? rng.pick(UNKNOWN_KEYS) : word(rng, 1, 12), wrongValue(rng))
    return true
  }),
  'proto-keys': bodyMutation((draft, rng) => {
    const target = someObject(draft, rng)
    if (target === undefined) {
      return false
    }
    const key = rng.pick(['__proto__', 'constructor', 'prototype'])
    defineAt(
      target,
      key,
      rng.pick<unknown>([{ polluted: true }, { prototype: { polluted: true } }, 'x', null]),
    )
    return true
  }),
  'hostile-string': bodyMutation((draft, rng) => {
    const node = someNode(draft, rng)
    return node !== undefined && setAt(draft.body, node, hostileString(rng))
  }),
  'nul-string': bodyMutation((draft, rng) => {
    const strings = nodesOf(draft.body).filter(
      (p) => p.length > 0 && typeof getAt(draft.body, p) === 'string',
    )
    if (strings.length === 0) {
      return false
    }
    const node = rng.pick(strings)
    return setAt(draft.body, node, `${String(getAt(draft.body, node))}\u0000`)
  }),
  'deep-nesting': bodyMutation((draft, rng) => {
    const node = someNode(draft, rng)
    if (node === undefined) {
      return false
    }
    draft.deep = deepText(rng)
    return setAt(draft.body, node, DEEP)
  }),
  'big-array': bodyMutation((draft, rng) => {
    const arrays = nodesOf(draft.body).filter(
      (p) => p.length > 0 && Array.isArray(getAt(draft.body, p)),
    )
    if (arrays.length === 0) {
      return false
    }
    const node = rng.pick(arrays)
    const items = getAt(draft.body, node) as unknown[]
    const item = items[0] ?? randomUuid(rng)
    return setAt(
      draft.body,
      node,
      Array.from({ length: rng.pick([101, 1001, 5000]) }, () => item),
    )
  }),
  'empty-body': (draft) => {
    if (draft.method === 'GET') {
      return false
    }
    draft.hasBody = true
    draft.bodyText = ''
    return true
  },
  'malformed-json': (draft, rng) => {
    if (draft.method === 'GET') {
      return false
    }
    draft.hasBody = true
    draft.bodyText = rng.pick([
      '{',
      '}',
      '{"a":',
      '[1,2',
      'nul',
      "{'a':1}",
      '{"a":1}garbage',
      '\u0000',
      '{"a":"\\u00"}',
      '\ufeff{}',
    ])
    return true
  },
  'json-not-object': (draft, rng) => {
    if (draft.method === 'GET') {
      return false
    }
    draft.hasBody = true
    draft.bodyText = rng.pick(['null', '[]', '"text"', '1', 'true', '[{}]', '-0', '1e999'])
    return true
  },
  'duplicate-keys': bodyMutation((draft, rng) => {
    if (typeof draft.body !== 'object' || draft.body === null || Array.isArray(draft.body)) {
      return false
    }
    const text = JSON.stringify(draft.body)
    const key = Object.keys(draft.body)[0] ?? 'name'
    const inner = text.slice(1, -1)
    draft.bodyText = `{${inner}${inner === '' ? '' : ','}"${key}":${JSON.stringify(wrongValue(rng))}}`
    return true
  }),
  oversized: (draft, rng) => {
    if (draft.method === 'GET' || !rng.chance(0.3)) {
      return false
    }
    draft.hasBody = true
    draft.bodyText = JSON.stringify({ name: 'x'.repeat(OVERSIZED) })
    return true
  },
  'wrong-content-type': (draft, rng) => {
    if (draft.method === 'GET') {
      return false
    }
    draft.hasBody = true
    draft.contentType = rng.pick(CONTENT_TYPES)
    return true
  },
  'bad-path-param': (draft, rng) => {
    const names = Object.keys(draft.pathValues)
    if (names.length === 0) {
      return false
    }
    draft.pathValues[rng.pick(names)] = rng.pick(BAD_UUIDS)
    return true
  },
  'bad-query-value': (draft, rng, op) => {
    if (op.queryParams.length === 0) {
      return false
    }
    const param = rng.pick(op.queryParams)
    draft.query.push(
      queryPair(
        param.name,
        rng.chance(0.5) ? rng.pick(QUERY_VALUES) : hostileString(rng).slice(0, 2000),
      ),
    )
    return true
  },
  'bad-query-uuid': (draft, rng, op) => {
    const uuids = op.queryParams.filter(
      (p) => p.schema.format === 'uuid' || p.schema.items?.format === 'uuid',
    )
    if (uuids.length === 0) {
      return false
    }
    draft.query.push(queryPair(rng.pick(uuids).name, rng.pick(BAD_UUIDS)))
    return true
  },
  'repeated-query': (draft, rng, op) => {
    const singular = op.queryParams.filter((p) => typesOf(p.schema).includes('array') === false)
    if (singular.length === 0) {
      return false
    }
    const param = rng.pick(singular)
    for (let i = 0; i < rng.between(2, 4); i++) {
      draft.query.push(
        queryPair(param.name, String(plausible(param.schema, rng, EMPTY_POOLS, param.name))),
      )
    }
    return true
  },
  'many-ids': (draft, rng, op) => {
    const ids = op.queryParams.find((p) => p.name === 'ids')
    if (ids === undefined) {
      return false
    }
    for (let i = 0; i < rng.pick([101, 150, 300]); i++) {
      draft.query.push(queryPair('ids', randomUuid(rng)))
    }
    return true
  },
  'both-cursors': (draft, rng, op) => {
    if (!op.queryParams.some((p) => p.name === 'ending_before')) {
      return false
    }
    draft.query.push(
      queryPair('starting_after', randomUuid(rng)),
      queryPair('ending_before', randomUuid(rng)),
    )
    return true
  },
  'unknown-query': (draft, rng) => {
    draft.query.push(queryPair(rng.pick(UNKNOWN_QUERY), rng.pick(QUERY_VALUES)))
    return true
  },
  'broken-auth': (draft, rng) => {
    draft.auth = rng.pick<FuzzAuth>([
      'none',
      'session-without-csrf',
      'bad-bearer',
      'key-and-session',
    ])
    return true
  },
  impersonate: (draft, rng, _op, pools) => {
    draft.auth = rng.chance(0.5) ? 'key' : 'session'
    // Header-safe values only: fetch refuses control characters in a header.
    draft.impersonate = rng.pick([
      ...pools.emails,
      ...pools.ids,
      randomUuid(rng),
      'nobody@example.com',
      ' ',
      "' OR 1=1 --",
      'x'.repeat(3000),
    ])
    return true
  },
}

const EMPTY_POOLS: FuzzPools = {
  ids: ['7c9e6679-7425-40de-944b-e07fc1f0d4aa'],
  orgNames: ['org'],
  emails: ['someone@example.com'],
  names: ['name'],
  tokens: [],
}

function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = values[name] ?? ''
    return /%/.test(value) ? value : encodeURIComponent(value)
  })
}

function plausibleQuery(params: readonly FuzzParameter[], rng: Rng, pools: FuzzPools): string[] {
  const out: string[] = []
  for (const param of params) {
    if (!param.required && !rng.chance(0.25)) {
      continue
    }
    const value = plausible(param.schema, rng, pools, param.name)
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== null && v !== undefined) {
        out.push(queryPair(param.name, String(v)))
      }
    }
  }
  return out
}

/** One request for `op`: plausible, then mutated 0 to 3 times. */
export function generateRequest(op: FuzzOperation, rng: Rng, pools: FuzzPools): FuzzRequest {
  const pathValues: Record<string, string> = {}
  for (const param of op.pathParams) {
    pathValues[param.name] = String(plausible(param.schema, rng, pools, param.name))
  }
  const hasBody = op.body !== undefined && (op.body.required || rng.chance(0.7))
  const draft: Draft = {
    method: op.method,
    pathValues,
    query: plausibleQuery(op.queryParams, rng, pools),
    body: hasBody ? plausible(op.body?.schema ?? {}, rng, pools) : undefined,
    bodyText: undefined,
    hasBody,
    contentType: 'application/json',
    auth: op.auth === 'session' || rng.chance(0.5) ? 'session' : 'key',
    impersonate: undefined,
    deep: undefined,
  }
  const names = Object.keys(MUTATIONS)
  const wanted = rng.pick([0, 1, 1, 1, 2, 2, 3])
  const applied: string[] = []
  for (let tries = 0; applied.length < wanted && tries < 20; tries++) {
    const name = rng.pick(names)
    const mutation = MUTATIONS[name] as Mutation
    if (mutation(draft, rng, op, pools)) {
      applied.push(name)
    }
  }
  let body: string | undefined
  if (draft.hasBody) {
    body = draft.bodyText ?? JSON.stringify(draft.body ?? {})
    if (draft.deep !== undefined) {
      body = body.replace(JSON.stringify(DEEP), draft.deep)
    }
  }
  return {
    method: op.method,
    path: fillPath(op.path, draft.pathValues),
    query: draft.query,
    contentType: draft.hasBody ? draft.contentType : undefined,
    body,
    auth: draft.auth,
    impersonate: draft.impersonate,
    mutations: applied,
  }
}
