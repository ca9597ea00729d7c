/** Where a command writes: process.stdout in production, a buffer in tests. */
export interface Output {
  write(chunk: string): unknown
}

/**
 * Everything a command touches of its process, injected so that tests run commands in-process.
 * `argv` excludes the node binary and the script (process.argv.slice(2)).
 */
export interface CliIo {
  readonly argv: readonly string[]
  readonly stdin: AsyncIterable<string | Uint8Array>
  /** True when standard input is a terminal, where a typed secret would be echoed. */
  readonly stdinIsTty?: boolean | undefined
  readonly stdout: Output
  readonly stderr: Output
  readonly env: Readonly<Record<string, string | undefined>>
}

/** All of standard input, decoded as UTF-8. */
export async function readAll(stdin: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder('utf-8')
  let text = ''
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
  }
  return text + decoder.decode()
}

/**
 * Standard input as a secret: everything, less ONE trailing newline (what `echo` and a
 * password file add), so a password that really ends in whitespace survives.
 */
export async function readSecret(stdin: AsyncIterable<string | Uint8Array>): Promise<string> {
  const text = await readAll(stdin)
  if (text.endsWith('\r\n')) {
    return text.slice(0, -2)
  }
  return text.endsWith('\n') ? text.slice(0, -1) : text
}

export function writeLine(out: Output, line = ''): void {
  out.write(`${line}\n`)
}

export function writeJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`)
}
