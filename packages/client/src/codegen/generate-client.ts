import { docComment, emitObject, emitSchemaType, refName } from './emit-schema-type.js'
import {
  HTTP_METHODS,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
  type Parameter,
} from './openapi-document.js'

/** The generated files, by name under src/generated/, before formatting. */
export interface GeneratedSources {
  readonly 'schemas.ts': string
  readonly 'operations.ts': string
}

const HEADER =
  '// Generated from openapi.json by `npm run generate -w @gatehouse/client` (src/codegen).\n' +
  '// Do not edit: a test fails when this file and the generator disagree.\n'

/** One operation of the document, with what the client needs to call it. */
export interface OperationInfo {
  readonly id: string
  readonly method: string
  readonly path: string
  readonly operation: Operation
  readonly pathParams: readonly Parameter[]
  readonly queryParams: readonly Parameter[]
  readonly body: 'none' | 'optional' | 'required'
  readonly bodySchema: JsonSchema | undefined
  readonly responseSchema: JsonSchema | undefined
  /** Error codes by HTTP status, from each error response's "Codes: A, B" description. */
  readonly errors: ReadonlyMap<number, readonly string[]>
}

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1)
const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`

/** The operations of `document` in document order. @throws on what the client cannot call */
export function readOperations(document: OpenApiDocument): OperationInfo[] {
  const seen = new Set<string>()
  const operations: OperationInfo[] = []
  for (const [path, item] of Object.entries(document.paths)) {
    // Document order, so that the generated files follow openapi.json.
    for (const [method, operation] of Object.entries(item)) {
      if (!(HTTP_METHODS as readonly string[]).includes(method)) {
        continue
      }
      const id = operation.operationId
      if (id === undefined || !/^[a-z][A-Za-z0-9]*$/.test(id)) {
        throw new Error(`${method.toUpperCase()} ${path} has no camelCase operationId`)
      }
      if (seen.has(id)) {
        throw new Error(`operationId ${id} is used twice`)
      }
      seen.add(id)
      const parameters = operation.parameters ?? []
      const pathParams = parameters.filter((p) => p.in === 'path')
      const named = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
      for (const name of named) {
        if (!pathParams.some((p) => p.name === name)) {
          throw new Error(`${id}: path parameter {${name}} is not declared`)
        }
      }
      const errors = new Map<number, readonly string[]>()
      let responseSchema: JsonSchema | undefined
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const code = Number(status)
        if (code >= 200 && code < 300) {
          responseSchema ??= response.content?.['application/json']?.schema
          continue
        }
        const listed = /Codes: ([A-Z0-9_, ]+)$/.exec(response.description ?? '')?.[1]
        if (listed === undefined) {
          throw new Error(`${id}: the ${status} response names no "Codes: …"`)
        }
        errors.set(
          code,
          listed.split(',').map((c) => c.trim()),
        )
      }
      const requestBody = operation.requestBody
      operations.push({
        id,
        method: method.toUpperCase(),
        path,
        operation,
        pathParams,
        queryParams: parameters.filter((p) => p.in === 'query'),
        body:
          requestBody === undefined
            ? 'none'
            : requestBody.required === true
              ? 'required'
              : 'optional',
        bodySchema: requestBody?.content?.['application/json']?.schema,
        responseSchema,
        errors,
      })
    }
  }
  return operations
}

const componentRef = (name: string) => name
const namespacedRef = (name: string) => `S.${name}`

function isPlainObject(schema: JsonSchema): boolean {
  return (
    schema.type === 'object' &&
    schema.enum === undefined &&
    Object.keys(schema.properties ?? {}).length > 0
  )
}

/** src/generated/schemas.ts: one type per component schema. */
function emitSchemas(document: OpenApiDocument): string {
  const blocks: string[] = []
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const doc = docComment(schema.description)
    blocks.push(
      isPlainObject(schema)
        ? `${doc}export interface ${name} ${emitObject(schema, componentRef)}`
        : `${doc}export type ${name} = ${emitSchemaType(schema, componentRef)}`,
    )
  }
  return `${HEADER}\n${blocks.join('\n\n')}\n`
}

function parametersType(params: readonly Parameter[], required: (p: Parameter) => boolean) {
  const lines = params.map((p) => {
    const doc = docComment(p.description ?? p.schema?.description, '  ')
    const type = p.schema === undefined ? 'string' : emitSchemaType(p.schema, namespacedRef, '  ')
    return `${doc}  ${p.name}${required(p) ? '' : '?'}: ${type}`
  })
  return `{\n${lines.join('\n')}\n}`
}

function methodDoc(op: OperationInfo): string {
  const errors = [...op.errors]
    .sort(([a], [b]) => a - b)
    .map(([status, codes]) => `${status} ${codes.join(', ')}`)
    .join('; ')
  const needs = op.operation['x-gatehouse-permission']
  const paragraphs = [
    op.operation.summary,
    op.operation.description,
    `\`${op.method} ${op.path}\`${needs === undefined ? '' : `. Needs: ${needs}`}`,
    errors === '' ? undefined : `@throws {GatehouseApiError} ${errors}`,
  ]
  return docComment(paragraphs.filter((p) => p !== undefined).join('\n\n'), '  ')
}

/** src/generated/operations.ts: argument types, error codes, the API interface, the table. */
function emitOperations(operations: readonly OperationInfo[]): string {
  const out: string[] = [
    HEADER,
    "import type { CallOptions, OperationSpec } from '../operation-spec.js'",
    "import type * as S from './schemas.js'",
    '',
  ]
  const allCodes = [...new Set(operations.flatMap((op) => [...op.errors.values()].flat()))].sort()
  out.push(
    '/** Every error code that openapi.json lists for some operation. */',
    `export type ApiErrorCode = ${allCodes.map(quote).join(' | ')}`,
    '',
  )

  const signatures: string[] = []
  const errorLines: string[] = []
  const table: string[] = []
  for (const op of operations) {
    const name = pascal(op.id)
    const parts: { key: string; type: string; required: boolean }[] = []
    if (op.pathParams.length > 0) {
      out.push(
        `/** Path parameters of \`${op.id}\`. */`,
        `export interface ${name}Params ${parametersType(op.pathParams, () => true)}`,
        '',
      )
      parts.push({ key: 'params', type: `${name}Params`, required: true })
    }
    if (op.queryParams.length > 0) {
      out.push(
        `/** Query parameters of \`${op.id}\` (an array repeats the parameter). */`,
        `export interface ${name}Query ${parametersType(op.queryParams, (p) => p.required === true)}`,
        '',
      )
      parts.push({
        key: 'query',
        type: `${name}Query`,
        required: op.queryParams.some((p) => p.required === true),
      })
    }
    if (op.body !== 'none') {
      let type = 'unknown'
      if (op.bodySchema?.$ref !== undefined) {
        type = namespacedRef(refName(op.bodySchema.$ref))
      } else if (op.bodySchema !== undefined) {
        out.push(
          `/** Request body of \`${op.id}\`. */`,
          `export type ${name}Body = ${emitSchemaType(op.bodySchema, namespacedRef)}`,
          '',
        )
        type = `${name}Body`
      }
      parts.push({ key: 'body', type, required: op.body === 'required' })
    }
    const argsRequired = parts.some((p) => p.required)
    const argsType =
      parts.length === 0
        ? 'Record<string, never>'
        : `{ ${parts.map((p) => `${p.key}${p.required ? '' : '?'}: ${p.type}`).join('; ')} }`
    const result =
      op.responseSchema === undefined
        ? 'unknown'
        : emitSchemaType(op.responseSchema, namespacedRef, '  ')
    signatures.push(
      `${methodDoc(op)}  ${op.id}(args${argsRequired ? '' : '?'}: ${argsType}, options?: CallOptions): Promise<${result}>`,
    )
    const codes = [...new Set([...op.errors.values()].flat())]
    errorLines.push(`  ${op.id}: ${codes.length === 0 ? 'never' : codes.map(quote).join(' | ')}`)
    const errorsByStatus = [...op.errors]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => `${status}: [${list.map(quote).join(', ')}]`)
    table.push(
      [
        `  ${op.id}: {`,
        `    method: ${quote(op.method)},`,
        `    path: ${quote(op.path)},`,
        `    params: [${op.pathParams.map((p) => quote(p.name)).join(', ')}],`,
        `    query: [${op.queryParams.map((p) => quote(p.name)).join(', ')}],`,
        `    body: ${quote(op.body)},`,
        `    errors: { ${errorsByStatus.join(', ')} },`,
        '  },',
      ].join('\n'),
    )
  }

  out.push(
    '/** The error codes each operation documents (the server may add generic ones). */',
    `export interface OperationErrorCodes {\n${errorLines.join('\n')}\n}`,
    '',
    '/**',
    ' * Every operation of the Gatehouse REST API, by operationId. Each method takes its path',
    ' * parameters, query and body in one object and resolves to the response body; failures',
    ' * reject with a GatehouseApiError.',
    ' */',
    `export interface GatehouseApi {\n${signatures.join('\n\n')}\n}`,
    '',
    '/** How to call each operation: the table createApi builds its methods from. */',
    `export const OPERATIONS = {\n${table.join('\n')}\n} as const satisfies Record<keyof GatehouseApi, OperationSpec>`,
    '',
  )
  return out.join('\n')
}

/** The TypeScript sources of the generated client for `document`, unformatted. */
export function generateClient(document: OpenApiDocument): GeneratedSources {
  if (!document.openapi.startsWith('3.1')) {
    throw new Error(`OpenAPI ${document.openapi} is not supported: the generator reads 3.1`)
  }
  return {
    'schemas.ts': emitSchemas(document),
    'operations.ts': emitOperations(readOperations(document)),
  }
}
