import type { App } from './context.js'

/*
 * The OpenAPI document: what buildApp's routes register, plus the document's own parts. Apart
 * from app.ts so that the routes serving it (/openapi.json, /docs) need not import the app.
 */

/** The ways a request may authenticate, as the document names them. */
export function registerSecuritySchemes(app: App): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (sk-…) or a service token (bt-st-…)',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'gatehouse_session',
    description: 'A browser session; writes also need the x-csrf-token header',
  })
}

/** The OpenAPI 3.1 document of every route, as served at /openapi.json and committed. */
export function openApiDocument(app: App) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Gatehouse',
      version: '1.0.0',
      description:
        'Access control plane: organizations, projects, members, groups, roles, ACLs, API keys, ' +
        'service tokens. Braintrust-compatible wire format. Errors: { error: { code, message, request_id } }.',
    },
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
  })
}
