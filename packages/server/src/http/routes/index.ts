import type { App } from '../context.js'
import { registerAclRoutes } from './acls.js'
import { registerApiKeyRoutes } from './api-keys.js'
import { registerAuditLogRoutes } from './audit-log.js'
import { registerAuthRoutes } from './auth.js'
import { registerAuthorizeRoutes } from './authorize.js'
import { registerBraintrustCompatRoutes } from './braintrust-compat.js'
import { registerGroupRoutes } from './groups.js'
import { registerHealthRoutes } from './health.js'
import { registerInvitationRoutes } from './invitations.js'
import { registerOrganizationRoutes } from './organizations.js'
import { registerPageRoutes } from './pages.js'
import { registerProjectRoutes } from './projects.js'
import { registerRoleRoutes } from './roles.js'
import { registerServiceAccountRoutes } from './service-accounts.js'
import { registerServiceTokenRoutes } from './service-tokens.js'
import { registerUserRoutes } from './users.js'

/** Every route of the API. A route module registers its routes and nothing else. */
export function registerRoutes(app: App): void {
  registerHealthRoutes(app)
  registerAuthRoutes(app)
  registerPageRoutes(app)
  registerOrganizationRoutes(app)
  registerInvitationRoutes(app)
  registerUserRoutes(app)
  registerProjectRoutes(app)
  registerGroupRoutes(app)
  registerRoleRoutes(app)
  registerAclRoutes(app)
  registerApiKeyRoutes(app)
  registerServiceTokenRoutes(app)
  registerServiceAccountRoutes(app)
  registerAuditLogRoutes(app)
  registerAuthorizeRoutes(app)
  registerBraintrustCompatRoutes(app)
}
