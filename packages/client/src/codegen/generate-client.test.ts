import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createApi } from '../api.js'
import { OPERATIONS } from '../generated/operations.js'
import { emitSchemaType } from './emit-schema-type.js'
import { formatSource } from './format-source.js'
import { generateClient, readOperations } from './generate-client.js'
import type { JsonSchema, OpenApiDocument } from './openapi-document.js'

const root = new URL('../../../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const document = JSON.parse(read('openapi.json')) as OpenApiDocument

describe('the generated client matches the committed openapi.json', () => {
  it('is what the generator writes (npm run generate -w @gatehouse/client)', () => {
    for (const [name, source] of Object.entries(generateClient(document))) {
      const path = `packages/client/src/generated/${name}`
      expect(read(path), `${path} is stale: run npm run generate -w @gatehouse/client`).toBe(
        formatSource(source, path),
      )
    }
  })

  it('has a method and a table row for every operationId, with its method and path', () => {
    const api = createApi({ fetch: () => Promise.reject(new Error('not called')) })
    const declared = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
      })),
    )
    expect(declared.length).toBeGreaterThan(0)
    for (const { id, method, path } of declared) {
      expect(id, `${method} ${path} has an operationId`).toBeTypeOf('string')
      const row = OPERATIONS[id as keyof typeof OPERATIONS]
      expect(row, id).toMatchObject({ method, path })
      expect(api[id as keyof typeof api], id).toBeTypeOf('function')
    }
    expect(Object.keys(OPERATIONS).sort()).toEqual(declared.map((d) => d.id).sort())
  })

  it("lists each operation's error codes, path and query parameters as the document does", () => {
    const login = OPERATIONS.login
    expect(login.errors[429]).toEqual(['RATE_LIMITED'])
    expect(OPERATIONS.deleteApiKey.params).toEqual(['api_key_id'])
    expect(OPERATIONS.listApiKeys.query).toContain('scope')
    expect(OPERATIONS.createApiKey.errors[403]).toContain('API_KEY_CANNOT_CREATE_API_KEY')
    expect(OPERATIONS.listOrgAcls.body).toBe('none')
    expect(OPERATIONS.createApiKey.body).toBe('required')
  })
})

const ref = (name: string) => `S.${name}`
const emit = (schema: JsonSchema) => emitSchemaType(schema, ref)

describe('emitSchemaType', () => {
  it('maps scalar types, nullable type lists and enums (with null)', () => {
    expect(emit({ type: 'string', format: 'uuid' })).toBe('string')
    expect(emit({ type: ['integer', 'null'] })).toBe('number | null')
    expect(emit({ type: 'boolean' })).toBe('boolean')
    expect(emit({ type: 'string', enum: ['a', "o'b"] })).toBe('"a" | "o\'b"')
    expect(emit({ type: ['string', 'null'], enum: ['x', null] })).toBe('"x" | null')
    expect(emit({})).toBe('unknown')
  })

  it('writes refs through the namer and arrays with parentheses around unions', () => {
    expect(emit({ $ref: '#/components/schemas/Acl' })).toBe('S.Acl')
    expect(emit({ type: 'array', items: { $ref: '#/components/schemas/Acl' } })).toBe('S.Acl[]')
    expect(emit({ type: 'array', items: { type: ['string', 'null'] } })).toBe('(string | null)[]')
    expect(emit({ type: ['array', 'null'], items: { type: 'string' } })).toBe('string[] | null')
    expect(() => emit({ $ref: 'other.json#/Acl' })).toThrow(/Unsupported \$ref/)
  })

  it('writes objects with optional properties, descriptions and index signatures', () => {
    const object = emit({
      type: 'object',
      properties: {
        id: { type: 'string', description: 'The id' },
        'x-odd': { type: 'integer' },
      },
      required: ['id'],
      additionalProperties: false,
    })
    expect(object).toBe('{\n  /** The id */\n  id: string\n  "x-odd"?: number\n}')
    expect(emit({ type: 'object', additionalProperties: {} })).toBe('Record<string, unknown>')
    expect(emit({ type: 'object', properties: {}, additionalProperties: false })).toBe(
      'Record<string, never>',
    )
    expect(
      emit({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true }),
    ).toBe('{\n  a?: string\n  [key: string]: unknown\n}')
  })

  it("reads zod-openapi's allOf [$ref, nullable type] as a nullable ref, other allOf as &", () => {
    const nullableRef = {
      allOf: [{ $ref: '#/components/schemas/Permission' }, { type: ['string', 'null'] }],
    }
    expect(emit(nullableRef)).toBe('S.Permission | null')
    expect(emit({ type: 'array', items: nullableRef })).toBe('(S.Permission | null)[]')
    expect(
      emit({
        allOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }],
      }),
    ).toBe('S.A & S.B')
  })
})

describe('readOperations refuses what the client could not call', () => {
  const op = (extra: object) =>
    ({
      openapi: '3.1.0',
      paths: { '/v1/thing/{thing_id}': { get: { operationId: 'getThing', ...extra } } },
    }) as OpenApiDocument

  it('needs declared path parameters, camelCase ids and listed error codes', () => {
    expect(() => readOperations(op({}))).toThrow('{thing_id} is not declared')
    const params = { parameters: [{ name: 'thing_id', in: 'path', required: true }] }
    expect(readOperations(op(params))[0]?.pathParams.map((p) => p.name)).toEqual(['thing_id'])
    expect(() =>
      readOperations(op({ ...params, responses: { 404: { description: 'Not found' } } })),
    ).toThrow('names no "Codes: …"')
    expect(() => readOperations(op({ ...params, operationId: 'get-thing' }))).toThrow(
      'no camelCase operationId',
    )
    expect(() => generateClient({ ...op(params), openapi: '3.0.3' })).toThrow('not supported')
  })
})
