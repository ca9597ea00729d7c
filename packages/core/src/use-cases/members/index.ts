export * from './update-members.js'
