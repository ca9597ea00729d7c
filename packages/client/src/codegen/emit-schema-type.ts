import type { JsonSchema } from './openapi-document.js'

/** How a `$ref` to `#/components/schemas/NAME` is written where the type is emitted. */
export type RefNamer = (name: string) => string

const REF_PREFIX = '#/components/schemas/'
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** The component name a `$ref` points at. @throws when the ref leaves components/schemas */
export function refName(ref: string): string {
  if (!ref.startsWith(REF_PREFIX)) {
    throw new Error(`Unsupported $ref ${ref}: only ${REF_PREFIX}NAME is understood`)
  }
  return ref.slice(REF_PREFIX.length)
}

/** A JSDoc block for `text`, wrapped at `width`, indented by `indent`; '' when there is none. */
export function docComment(text: string | undefined, indent = '', width = 96): string {
  const paragraphs = (text ?? '')
    .replaceAll('*/', '*\\/')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
  if (paragraphs.length === 0) {
    return ''
  }
  const room = Math.max(40, width - indent.length - 3)
  const lines: string[] = []
  for (const [i, paragraph] of paragraphs.entries()) {
    if (i > 0) {
      lines.push('')
    }
    let line = ''
    for (const word of paragraph.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > room) {
        lines.push(line)
        line = word
      } else {
        line = line === '' ? word : `${line} ${word}`
      }
    }
    lines.push(line)
  }
  if (lines.length === 1 && lines[0] !== undefined && lines[0].length + 7 <= room) {
    return `${indent}/** ${lines[0]} */\n`
  }
  const body = lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)).join('\n')
  return `${indent}/**\n${body}\n${indent} */\n`
}

function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name)
}

function literal(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    return String(value)
  }
  if (typeof value === 'string') {
    return JSON.stringify(value)
  }
  throw new Error(`Unsupported enum value ${JSON.stringify(value)}`)
}

/** A type's text, and whether it is a union or intersection (so `[]` needs parentheses). */
interface Emitted {
  readonly text: string
  readonly compound: boolean
}

const simple = (text: string): Emitted => ({ text, compound: false })

function union(types: readonly Emitted[]): Emitted {
  const unique = [...new Map(types.map((t) => [t.text, t])).values()]
  const [only] = unique
  if (only === undefined) {
    return simple('never')
  }
  if (unique.length === 1) {
    return only
  }
  return { text: unique.map((t) => t.text).join(' | '), compound: true }
}

const parenthesized = (type: Emitted): string => (type.compound ? `(${type.text})` : type.text)

function isNullOnlyTypeList(schema: JsonSchema): boolean {
  const keys = Object.keys(schema).filter((k) => k !== 'description')
  return (
    keys.length === 1 &&
    Array.isArray(schema.type) &&
    schema.type.includes('null') &&
    schema.type.length <= 2
  )
}

/**
 * The TypeScript type for `schema`. Covers the subset of JSON Schema that openapi.json uses:
 * $ref, type (one or a list, with null), enum, object (properties, required,
 * additionalProperties), array (items), allOf/anyOf/oneOf. Validation keywords (lengths,
 * bounds, formats) have no TypeScript counterpart and are left out.
 */
export function emitSchemaType(schema: JsonSchema, ref: RefNamer, indent = ''): string {
  return emit(schema, ref, indent).text
}

function emit(schema: JsonSchema, ref: RefNamer, indent: string): Emitted {
  if (schema.$ref !== undefined) {
    return simple(ref(refName(schema.$ref)))
  }
  if (schema.allOf !== undefined) {
    const [first, second, ...rest] = schema.allOf
    // zod-openapi writes a nullable $ref as allOf [$ref, { type: [..., "null"] }]: read as the
    // author meant it (the ref, or null); an intersection would drop the null the API sends.
    if (
      rest.length === 0 &&
      first?.$ref !== undefined &&
      second !== undefined &&
      isNullOnlyTypeList(second)
    ) {
      return { text: `${ref(refName(first.$ref))} | null`, compound: true }
    }
    const parts = schema.allOf.map((s) => parenthesized(emit(s, ref, indent)))
    return parts.length === 1
      ? simple(parts[0] ?? 'unknown')
      : { text: parts.join(' & '), compound: true }
  }
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined) {
    return union(alternatives.map((s) => emit(s, ref, indent)))
  }
  if (schema.enum !== undefined) {
    return union(schema.enum.map((value) => simple(literal(value))))
  }
  const types = schema.type === undefined ? [] : [schema.type].flat()
  if (types.length === 0) {
    return simple(schema.properties === undefined ? 'unknown' : emitObject(schema, ref, indent))
  }
  return union(
    types.map((type) => {
      switch (type) {
        case 'string':
          return simple('string')
        case 'integer':
        case 'number':
          return simple('number')
        case 'boolean':
          return simple('boolean')
        case 'null':
          return simple('null')
        case 'array': {
          const item =
            schema.items === undefined ? simple('unknown') : emit(schema.items, ref, indent)
          return simple(`${parenthesized(item)}[]`)
        }
        case 'object':
          return simple(emitObject(schema, ref, indent))
        default:
          throw new Error(`Unsupported JSON Schema type ${type}`)
      }
    }),
  )
}

/**
 * An object type literal, one property a line (with its description), `?` when optional; a
 * Record when it has no properties (`Record<string, never>` when nothing else is allowed).
 */
export function emitObject(schema: JsonSchema, ref: RefNamer, indent = ''): string {
  const inner = `${indent}  `
  const extra = schema.additionalProperties
  const extraType =
    extra === false
      ? undefined
      : extra === undefined || extra === true
        ? 'unknown'
        : emitSchemaType(extra, ref, inner)
  const properties = Object.entries(schema.properties ?? {})
  if (properties.length === 0) {
    return `Record<string, ${extraType ?? 'never'}>`
  }
  const required = new Set(schema.required ?? [])
  const lines = properties.map(([name, property]) => {
    const optional = required.has(name) ? '' : '?'
    const type = emitSchemaType(property, ref, inner)
    return `${docComment(property.description, inner)}${inner}${propertyKey(name)}${optional}: ${type}`
  })
  // An open object (no additionalProperties) is typed closed: the extra fields are unknown.
  if (extra !== undefined && extra !== false) {
    lines.push(`${inner}[key: string]: ${extraType}`)
  }
  return `{\n${lines.join('\n')}\n${indent}}`
}
