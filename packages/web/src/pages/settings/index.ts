import type { ComponentType } from 'react'
import type { SettingsSection } from '../../router.js'
import { ApiKeysPage } from './api-keys.js'
import { AuditLogPage } from './audit-log/audit-log-page.js'
import { GroupsPage } from './groups.js'
import { MembersPage } from './members/members-page.js'
import { ProjectsPage } from './projects/projects-page.js'
import { ServiceTokensPage } from './service-tokens.js'
import { WhyPage } from './why.js'

export { SECTION_LABELS } from './sections.js'

/** The page of each Settings section (one file per section). */
export const SECTION_PAGES: Readonly<Record<SettingsSection, ComponentType>> = {
  members: MembersPage,
  groups: GroupsPage,
  projects: ProjectsPage,
  'api-keys': ApiKeysPage,
  'service-tokens': ServiceTokensPage,
  'audit-log': AuditLogPage,
  why: WhyPage,
}
