import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/*
 * No module of any package reaches itself through its own imports (docs/architecture.md). A
 * circle makes the order of module initialisation decide whether a value exists yet, and it
 * means two modules are one concern split in two. The package graph is kept acyclic by npm's
 * workspaces; this test keeps the modules inside each package so. It lives in the CLI because
 * the CLI is the one package that may know every other.
 */

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url))
const SOURCE = /\.(ts|tsx)$/
const TEST = /\.test\.tsx?$/

function sourcesUnder(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      out.push(...sourcesUnder(path))
    } else if (SOURCE.test(entry.name) && !TEST.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(path)
    }
  }
  return out
}

/** Every relative specifier a module imports or re-exports, types included. */
function relativeSpecifiers(source: string): string[] {
  const found: string[] = []
  const pattern =
    /(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[\s;(])import\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/gm
  for (const match of source.matchAll(pattern)) {
    found.push((match[1] ?? match[2]) as string)
  }
  return found
}

/** The file a relative specifier names: TypeScript's `.js`-for-`.ts` rule, or a folder's index. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier)
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '')
  for (const candidate of [
    `${stem}.ts`,
    `${stem}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate)) {
      return candidate
    }
  }
  return undefined
}

/** The circles of a graph (one per strongly connected component of two or more, or a self-loop). */
function circlesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const circles: string[][] = []
  const visit = (node: string): void => {
    index.set(node, next)
    low.set(node, next)
    next += 1
    stack.push(node)
    onStack.add(node)
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number))
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number))
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop() as string
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) {
        circles.push(component.sort())
      }
    }
  }
  for (const node of [...graph.keys()].sort()) {
    if (!index.has(node)) {
      visit(node)
    }
  }
  return circles
}

function importGraph(srcDir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourcesUnder(srcDir)) {
    const targets = relativeSpecifiers(readFileSync(file, 'utf8'))
      .map((specifier) => resolveSpecifier(file, specifier))
      .filter((target): target is string => target !== undefined)
    graph.set(file, targets)
  }
  return graph
}

const packageDirs = readdirSync(PACKAGES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(PACKAGES, entry.name, 'src')))
  .map((entry) => entry.name)
  .sort()

describe('no import circles inside a package', () => {
  it('finds the packages', () => {
    expect(packageDirs).toEqual(expect.arrayContaining(['cli', 'core', 'server', 'web']))
  })

  for (const name of packageDirs) {
    it(`packages/${name}`, () => {
      const src = join(PACKAGES, name, 'src')
      const graph = importGraph(src)
      const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0)
      expect(edges).toBeGreaterThan(0)
      const shown = circlesOf(graph).map((circle) =>
        circle.map((file) => relative(src, file).split(sep).join('/')),
      )
      expect(shown).toEqual([])
    })
  }
})

describe('the circle finder itself', () => {
  it('reads every form of relative import and re-export, and nothing else', () => {
    const source = [
      "import { a } from './a.js'",
      "import type { B } from '../b.js'",
      "export * from './c.js'",
      "export { d } from './d/index.js'",
      "const e = await import('./e.js')",
      "import x from 'node:fs'",
      "import './side-effect.js'",
      '// not code: from "./nothing.js" is only text here',
    ].join('\n')
    expect(relativeSpecifiers(source)).toEqual([
      './a.js',
      '../b.js',
      './c.js',
      './d/index.js',
      './e.js',
      './side-effect.js',
    ])
  })

  it('finds a circle of two, a self-loop, and none in a chain', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['d']],
      ['d', []],
      ['s', ['s']],
    ])
    expect(circlesOf(graph)).toEqual([['a', 'b'], ['s']])
    expect(
      circlesOf(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([])
  })
})
