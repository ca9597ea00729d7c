import { Badge } from '../../../ui/index.js'

/** "Revoked", "Expired" or "Active", from the key's dates. */
export function credentialStatus(
  c: { revoked_at: string | null; expires_at: string | null },
  now = Date.now(),
) {
  if (c.revoked_at !== null) {
    return <Badge tone="danger">Revoked</Badge>
  }
  if (c.expires_at !== null && Date.parse(c.expires_at) <= now) {
    return <Badge tone="warning">Expired</Badge>
  }
  return <Badge tone="success">Active</Badge>
}
