export * from './add-service-account.js'
export * from './create-service-account.js'
export * from './delete-service-account.js'
export * from './list-service-accounts.js'
