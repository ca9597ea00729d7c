/** The prefixes of Gatehouse secrets: API keys and service tokens. */
const SECRET_PREFIXES = ['sk-', 'bt-st-']

const looksLikeSecret = (part: string) => SECRET_PREFIXES.some((p) => part.startsWith(p))

function decodeBase64(value: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(value), (c) => c.charCodeAt(0)),
    )
  } catch {
    return undefined
  }
}

/**
 * The credential in an Authorization header, read as Gatehouse reads it: `Bearer <secret>`, or
 * Basic with the secret as the user name or the password (the part that looks like a Gatehouse
 * secret, else the user name). Undefined when the header is missing or carries none.
 */
export function credentialFromAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) {
    return undefined
  }
  const [scheme, value] = header.trim().split(/\s+/, 2)
  if (scheme === undefined || value === undefined || value === '') {
    return undefined
  }
  if (scheme.toLowerCase() === 'bearer') {
    return value
  }
  if (scheme.toLowerCase() !== 'basic') {
    return undefined
  }
  const decoded = decodeBase64(value)
  if (decoded === undefined) {
    return undefined
  }
  const colon = decoded.indexOf(':')
  const parts = colon < 0 ? [decoded] : [decoded.slice(0, colon), decoded.slice(colon + 1)]
  const credential = parts.find(looksLikeSecret) ?? parts[0]
  return credential === '' ? undefined : credential
}
