import { describe, expect, it } from 'vitest'
import { OBJECT_TYPES, PROJECT_CHILD_TYPES } from '../model/catalog.js'
import { ancestorsOf, objectKey, type Target } from './target.js'

const ORG = 'org-1'

function chain(target: Target): string[] {
  return ancestorsOf(ORG, target).map((r) => objectKey(r.objectType, r.objectId))
}

describe('ancestorsOf', () => {
  it('the organization is its own only ancestor', () => {
    expect(chain({ objectType: 'organization', objectId: ORG })).toEqual([`organization:${ORG}`])
  })

  it('a project: itself, all projects, the organization', () => {
    expect(chain({ objectType: 'project', objectId: 'p1' })).toEqual([
      'project:p1',
      `org_project:${ORG}`,
      `organization:${ORG}`,
    ])
  })

  for (const type of PROJECT_CHILD_TYPES.filter((t) => t !== 'project_log')) {
    it(`a ${type} in a project: itself, its project, all projects, the organization`, () => {
      expect(chain({ objectType: type, objectId: 'x', projectId: 'p1' })).toEqual([
        `${type}:x`,
        'project:p1',
        `org_project:${ORG}`,
        `organization:${ORG}`,
      ])
    })

    it(`a ${type} whose project is not named skips the project level`, () => {
      const expected = [`${type}:x`, `org_project:${ORG}`, `organization:${ORG}`]
      expect(chain({ objectType: type, objectId: 'x' })).toEqual(expected)
      expect(chain({ objectType: type, objectId: 'x', projectId: null })).toEqual(expected)
    })
  }

  it("project_log's object id is its project", () => {
    const expected = ['project_log:p1', 'project:p1', `org_project:${ORG}`, `organization:${ORG}`]
    expect(chain({ objectType: 'project_log', objectId: 'p1' })).toEqual(expected)
    expect(chain({ objectType: 'project_log', objectId: 'p1', projectId: 'p1' })).toEqual(expected)
  })

  for (const type of ['group', 'role', 'org_member', 'org_project', 'org_audit_logs'] as const) {
    it(`${type}: itself, then the organization`, () => {
      const id = type.startsWith('org_') ? ORG : 'x'
      expect(chain({ objectType: type, objectId: id })).toEqual([
        `${type}:${id}`,
        `organization:${ORG}`,
      ])
    })
  }

  it('answers nothing for another org or its pseudo-objects', () => {
    for (const type of ['organization', 'org_member', 'org_project', 'org_audit_logs'] as const) {
      expect(chain({ objectType: type, objectId: 'org-2' })).toEqual([])
    }
  })

  it('covers every object type, always ending at the organization, the target first', () => {
    for (const type of OBJECT_TYPES) {
      const id = type === 'organization' || type.startsWith('org_') ? ORG : 'x'
      const refs = chain({ objectType: type, objectId: id })
      expect(refs[0]).toBe(objectKey(type, id))
      expect(refs[refs.length - 1]).toBe(`organization:${ORG}`)
      expect(new Set(refs).size).toBe(refs.length)
    }
  })
})

describe('objectKey', () => {
  it('keeps the same id under different types apart', () => {
    expect(objectKey('experiment', 'x')).not.toBe(objectKey('dataset', 'x'))
    expect(objectKey('project', 'x')).toBe(objectKey('project', 'x'))
  })
})
