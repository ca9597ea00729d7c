export * from './authorize.js'
