export * from './list-audit-log.js'
export * from './verify-audit-chain.js'
