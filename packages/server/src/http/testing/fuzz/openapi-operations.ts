/*
 * The operations of an OpenAPI 3.1 document, as the fuzz suite needs them: method, path, who may
 * call, and the JSON schemas of the path and query parameters and of the body, with every $ref
 * resolved.
 */

/** The subset of JSON Schema the Gatehouse document uses. */
export interface JsonSchema {
  readonly type?: string | readonly string[]
  readonly enum?: readonly unknown[]
  readonly const?: unknown
  readonly format?: string
  readonly pattern?: string
  readonly minLength?: number
  readonly maxLength?: number
  readonly minimum?: number
  readonly maximum?: number
  readonly minItems?: number
  readonly maxItems?: number
  readonly items?: JsonSchema
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: readonly string[]
  readonly additionalProperties?: boolean | JsonSchema
  readonly anyOf?: readonly JsonSchema[]
  readonly oneOf?: readonly JsonSchema[]
  readonly allOf?: readonly JsonSchema[]
  readonly $ref?: string
}

export interface FuzzParameter {
  readonly name: string
  readonly required: boolean
  readonly schema: JsonSchema
}

export interface FuzzOperation {
  readonly operationId: string
  readonly method: string
  /** The template, e.g. `/v1/project/{project_id}`. */
  readonly path: string
  readonly auth: 'public' | 'credential' | 'session'
  readonly pathParams: readonly FuzzParameter[]
  readonly queryParams: readonly FuzzParameter[]
  readonly body?: { readonly schema: JsonSchema; readonly required: boolean } | undefined
}

interface Document {
  readonly paths: Record<string, Record<string, Record<string, unknown>>>
  readonly components?: { readonly schemas?: Record<string, JsonSchema> }
}

/** `schema` with every $ref replaced by its target (the document has no recursive schemas). */
export function resolveRefs(schema: JsonSchema, doc: Document, depth = 0): JsonSchema {
  if (depth > 32) {
    throw new Error('schema nests too deep: a recursive $ref?')
  }
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/components/schemas/', '')
    const target = doc.components?.schemas?.[name]
    if (target === undefined) {
      throw new Error(`unresolved $ref ${schema.$ref}`)
    }
    return resolveRefs(target, doc, depth + 1)
  }
  const out: Record<string, unknown> = { ...schema }
  if (schema.items !== undefined) {
    out.items = resolveRefs(schema.items, doc, depth + 1)
  }
  if (schema.properties !== undefined) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolveRefs(v, doc, depth + 1)]),
    )
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key]
    if (list !== undefined) {
      out[key] = list.map((s) => resolveRefs(s, doc, depth + 1))
    }
  }
  if (typeof schema.additionalProperties === 'object') {
    out.additionalProperties = resolveRefs(schema.additionalProperties, doc, depth + 1)
  }
  return out as JsonSchema
}

export function operationsOf(doc: Document): FuzzOperation[] {
  const operations: FuzzOperation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as {
        name: string
        in: string
        required?: boolean
        schema: JsonSchema
      }[]
      const of = (where: string) =>
        params
          .filter((p) => p.in === where)
          .map((p) => ({
            name: p.name,
            required: p.required === true,
            schema: resolveRefs(p.schema, doc),
          }))
      const requestBody = op.requestBody as
        | { required?: boolean; content?: Record<string, { schema: JsonSchema }> }
        | undefined
      const bodySchema = requestBody?.content?.['application/json']?.schema
      const declared = op['x-gatehouse-auth']
      operations.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        auth: declared === 'public' || declared === 'session' ? declared : 'credential',
        pathParams: of('path'),
        queryParams: of('query'),
        body:
          bodySchema === undefined
            ? undefined
            : { schema: resolveRefs(bodySchema, doc), required: requestBody?.required === true },
      })
    }
  }
  return operations
}
