import {
  CreateProject,
  listOf,
  PatchProject,
  Project,
  ProjectListQuery,
  Uuid,
} from '@gatehouse/contract'
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
} from '@gatehouse/core'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { type App, actorOf, depsOf } from '../context.js'
import { errorResponses } from '../errors.js'
import { presentProject } from '../present.js'
import { foundExisting, json, pageOf } from '../wire.js'

const tags = ['Projects']
const Params = z.object({ project_id: Uuid })
const ok = (description: string) => ({ description, content: json(Project) })

const list = createRoute({
  method: 'get',
  path: '/v1/project',
  operationId: 'listProjects',
  tags,
  summary: 'List the projects you can read, newest first',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read on each project listed (others are left out)',
  request: { query: ProjectListQuery },
  responses: {
    200: { description: 'Projects', content: json(listOf(Project, 'ProjectList')) },
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED'),
  },
})

const create = createRoute({
  method: 'post',
  path: '/v1/project',
  operationId: 'createProject',
  tags,
  summary: 'Create a project, or return the live project of that name unchanged',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'create on org_project (all projects)',
  request: { body: { content: json(CreateProject), required: true } },
  responses: {
    200: ok('The project (x-bt-found-existing: true when it already existed)'),
    ...errorResponses('ORG_NOT_FOUND', 'ORG_REQUIRED', 'PERMISSION_DENIED'),
  },
})

const get = createRoute({
  method: 'get',
  path: '/v1/project/{project_id}',
  operationId: 'getProject',
  tags,
  summary: 'Get a project',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'read on the project',
  request: { params: Params },
  responses: {
    200: ok('The project'),
    ...errorResponses('PROJECT_NOT_FOUND', 'PERMISSION_DENIED'),
  },
})

const patch = createRoute({
  method: 'patch',
  path: '/v1/project/{project_id}',
  operationId: 'updateProject',
  tags,
  summary: 'Rename a project or merge into its settings',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'update on the project',
  request: { params: Params, body: { content: json(PatchProject), required: true } },
  responses: {
    200: ok('The updated project'),
    ...errorResponses('PROJECT_NOT_FOUND', 'PERMISSION_DENIED', 'NAME_TAKEN'),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/v1/project/{project_id}',
  operationId: 'deleteProject',
  tags,
  summary: 'Delete a project (soft delete)',
  'x-gatehouse-auth': 'credential',
  'x-gatehouse-permission': 'delete on the project',
  request: { params: Params },
  responses: {
    200: ok('The deleted project'),
    ...errorResponses('PROJECT_NOT_FOUND', 'PERMISSION_DENIED'),
  },
})

export function registerProjectRoutes(app: App): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const projects = await listProjects(depsOf(c), actorOf(c), {
      ...pageOf(q),
      orgName: q.org_name,
      name: q.project_name,
    })
    return c.json({ objects: projects.map(presentProject) }, 200)
  })
  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const { project, found } = await createProject(depsOf(c), actorOf(c), {
      name: body.name,
      orgName: body.org_name,
    })
    foundExisting(c, found)
    return c.json(presentProject(project), 200)
  })
  app.openapi(get, async (c) => {
    const { project_id } = c.req.valid('param')
    return c.json(
      presentProject(await getProject(depsOf(c), actorOf(c), { projectId: project_id })),
      200,
    )
  })
  app.openapi(patch, async (c) => {
    const { project_id } = c.req.valid('param')
    const body = c.req.valid('json')
    const project = await updateProject(depsOf(c), actorOf(c), {
      projectId: project_id,
      name: body.name,
      settings: body.settings,
    })
    return c.json(presentProject(project), 200)
  })
  app.openapi(remove, async (c) => {
    const { project_id } = c.req.valid('param')
    return c.json(
      presentProject(await deleteProject(depsOf(c), actorOf(c), { projectId: project_id })),
      200,
    )
  })
}
