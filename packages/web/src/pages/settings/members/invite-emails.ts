import { looksLikeEmail } from '../../../format.js'

/** The API takes at most this many addresses in one request. */
export const MAX_INVITES = 100

export interface ParsedInvite {
  /** Distinct addresses, trimmed and lower-cased, in the order typed. */
  readonly emails: readonly string[]
  /** What to fix before sending; empty when the list can be sent. */
  readonly problems: readonly string[]
}

/**
 * Reads the invite textarea: one address per line (commas and semicolons also split, since
 * pasted lists use them), blank lines skipped, repeats dropped. Catches typos before the API
 * does; the API still has the last word.
 */
export function parseInviteEmails(text: string): ParsedInvite {
  const emails: string[] = []
  const problems: string[] = []
  const seen = new Set<string>()
  text.split(/\r?\n/).forEach((line, index) => {
    for (const raw of line.split(/[,;]/)) {
      const value = raw.trim()
      if (value === '') {
        continue
      }
      if (!looksLikeEmail(value)) {
        problems.push(`Line ${index + 1}: “${value}” is not an email address`)
        continue
      }
      const email = value.toLowerCase()
      if (!seen.has(email)) {
        seen.add(email)
        emails.push(email)
      }
    }
  })
  if (emails.length === 0 && problems.length === 0) {
    problems.push('Enter at least one email address')
  }
  if (emails.length > MAX_INVITES) {
    problems.push(`At most ${MAX_INVITES} addresses at a time (you entered ${emails.length})`)
  }
  return { emails, problems }
}
