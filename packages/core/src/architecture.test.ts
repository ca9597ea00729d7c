import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/*
 * Core has no I/O (DESIGN.md): it imports no platform module and no outer package, reads no
 * environment, clock or randomness except through its ports, and declares no dependencies.
 * Tests and the test fixtures in testing/ are exempt.
 */

const SRC = fileURLToPath(new URL('.', import.meta.url))
const PACKAGE_JSON = fileURLToPath(new URL('../package.json', import.meta.url))

const FORBIDDEN_PACKAGES = [
  /^node:/,
  /^kysely(\/|$)/,
  /^hono(\/|$)/,
  /^@hono\//,
  /^pg(\/|$)/,
  /^better-sqlite3(\/|$)/,
  /^zod(\/|$)/,
  /^@gatehouse\//,
]
const BUILTINS = new Set(builtinModules)

const FORBIDDEN_CALLS: [string, RegExp][] = [
  ['process.', /(?<![\w$.])process\s*\./],
  ['globalThis.process', /\bglobalThis\s*\.\s*process\b/],
  ['Date.now(', /(?<![\w$.])Date\s*\.\s*now\s*\(/],
  ['new Date(', /\bnew\s+Date\s*\(/],
  ['Math.random(', /(?<![\w$.])Math\s*\.\s*random\s*\(/],
]

/** The source with comments blanked out and string contents emptied, so only code is matched. */
function codeOnly(source: string): string {
  let out = ''
  let i = 0
  while (i < source.length) {
    const ch = source[i] as string
    const next = source[i + 1]
    if (ch === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') {
        i++
      }
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2)
      i = end < 0 ? source.length : end + 2
      out += ' '
    } else if (ch === "'" || ch === '"' || ch === '`') {
      out += ch
      i++
      while (i < source.length && source[i] !== ch) {
        i += source[i] === '\\' ? 2 : 1
      }
      out += ch
      i++
    } else {
      out += ch
      i++
    }
  }
  return out
}

/** Every module specifier the source imports, re-exports, dynamically imports or requires. */
function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ]
  const found: string[] = []
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      found.push(match[1] as string)
    }
  }
  return found
}

/** What is wrong with one core file, as readable findings; empty when it is clean. */
function violations(source: string): string[] {
  const findings: string[] = []
  for (const specifier of importsOf(source)) {
    const bare = specifier.split('/')[0] as string
    if (FORBIDDEN_PACKAGES.some((p) => p.test(specifier)) || BUILTINS.has(bare)) {
      findings.push(`imports ${specifier}`)
    } else if (!specifier.startsWith('.')) {
      findings.push(`imports ${specifier}, but core declares no dependencies`)
    }
  }
  const code = codeOnly(source)
  for (const [name, pattern] of FORBIDDEN_CALLS) {
    if (pattern.test(code)) {
      findings.push(`uses ${name}`)
    }
  }
  return findings
}

function coreFiles(dir: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    const rel = relative(SRC, path).split(sep).join('/')
    if (entry.isDirectory()) {
      if (rel !== 'testing') {
        files.push(...coreFiles(path))
      }
    } else if (
      /\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name) &&
      !/\.test(-d)?\.ts$/.test(entry.name)
    ) {
      files.push(path)
    }
  }
  return files
}

describe('core has no I/O', () => {
  const files = coreFiles(SRC)

  it('finds the core sources', () => {
    const rels = files.map((f) => relative(SRC, f).split(sep).join('/'))
    expect(rels).toContain('authz/evaluate.ts')
    expect(rels).toContain('errors.ts')
    expect(rels.some((r) => r.startsWith('testing/') || r.endsWith('.test.ts'))).toBe(false)
  })

  it('no core file imports a platform or outer module, or touches process, clock or randomness', () => {
    const report: Record<string, string[]> = {}
    for (const file of files) {
      const findings = violations(readFileSync(file, 'utf8'))
      if (findings.length > 0) {
        report[relative(SRC, file)] = findings
      }
    }
    expect(report).toEqual({})
  })

  it('package.json declares no dependencies', () => {
    const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Record<string, unknown>
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      expect({ field, declared: Object.keys((pkg[field] as object | undefined) ?? {}) }).toEqual({
        field,
        declared: [],
      })
    }
  })
})

describe('the matcher itself', () => {
  const dirty: [string, string][] = [
    ["import { readFile } from 'node:fs'", 'imports node:fs'],
    ["import type { Kysely } from 'kysely'", 'imports kysely'],
    ["import { Hono } from 'hono'", 'imports hono'],
    ["import { z } from '@hono/zod-openapi'", 'imports @hono/zod-openapi'],
    ["import pg from 'pg'", 'imports pg'],
    ["import Database from 'better-sqlite3'", 'imports better-sqlite3'],
    ["import { z } from 'zod/v4'", 'imports zod/v4'],
    ["export * from '@gatehouse/contract'", 'imports @gatehouse/contract'],
    ["export {\n  a,\n  b,\n} from 'node:path'", 'imports node:path'],
    ["const m = await import('node:crypto')", 'imports node:crypto'],
    ["const fs = require('fs')", 'imports fs'],
    ["import 'crypto'", 'imports crypto'],
    ["import { v4 } from 'uuid'", 'imports uuid, but core declares no dependencies'],
    ['const env = process.env.GATEHOUSE_URL', 'uses process.'],
    ['const env = globalThis.process?.env', 'uses globalThis.process'],
    ['const t = Date.now()', 'uses Date.now('],
    ['const d = new Date(0)', 'uses new Date('],
    ['const r = Math.random()', 'uses Math.random('],
  ]
  for (const [source, finding] of dirty) {
    it(`flags ${JSON.stringify(source)}`, () => {
      expect(violations(source)).toContain(finding)
    })
  }

  it('passes clean code, comments and strings that only mention the banned names', () => {
    const clean = [
      "import type { Clock } from './ports.js'",
      "import { AppError } from '../errors.js'",
      "export * from './authz/evaluate.js'",
      '// Date.now( and Math.random( are banned here; use deps.clock',
      "/** Never import 'node:crypto' or read process.env */",
      "const note = 'process.env and new Date( are only words here'",
      'const url = `http://example.test/Date.now()`',
      'const now = deps.clock.now()',
      'const preprocess = { process: 1 }',
      'const step = preprocess.process',
      'const x = myDate.now()',
    ].join('\n')
    expect(violations(clean)).toEqual([])
  })
})
