#!/usr/bin/env node
import { run } from './cli.js'

process.exitCode = await run({
  argv: process.argv.slice(2),
  stdin: process.stdin,
  stdinIsTty: process.stdin.isTTY === true,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
})
