export * from './model.js'
export { PermissionGrid, type PermissionGridProps } from './permission-grid.js'
export { SubjectPermissions } from './subject-permissions.js'
