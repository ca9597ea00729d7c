export { run } from './cli.js'
export type { Command } from './commands/command.js'
export { EXIT, UsageError } from './errors.js'
export type { CliIo, Output } from './io.js'
