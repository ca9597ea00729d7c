export * from './authorize.js'
export * from './org-index.js'
