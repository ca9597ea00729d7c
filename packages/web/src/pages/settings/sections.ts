import type { SettingsSection } from '../../router.js'

/** The sidebar's words for each Settings section, in its order. */
export const SECTION_LABELS: Readonly<Record<SettingsSection, string>> = {
  members: 'Members',
  groups: 'Permission groups',
  projects: 'Projects',
  'api-keys': 'API keys',
  'service-tokens': 'Service tokens',
  'audit-log': 'Audit log',
  why: 'Why? Access explained',
}
