export * from './create-project.js'
