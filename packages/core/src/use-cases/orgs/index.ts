export * from './bootstrap-organization.js'
export * from './builtin-groups.js'
