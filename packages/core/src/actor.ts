import type { AuditActor, CredentialKind } from './model/entities.js'

/**
 * Who is calling, as HTTP (or the CLI) authenticated it. `userId` is the subject whose
 * permissions apply: the impersonated user when `impersonatorId` is set. The credential stays
 * the caller's own, so an API key that impersonates is still an API key.
 */
export interface Actor {
  readonly userId: string
  readonly credential: {
    readonly kind: CredentialKind
    /** The API key's, service token's or session's id. */
    readonly id: string | null
    /** Set when the credential belongs to one org (API keys, service tokens): it acts only there. */
    readonly orgId: string | null
  }
  readonly impersonatorId: string | null
  readonly requestId?: string | null | undefined
}

/** The operator: someone with direct access to the database through the CLI. Not a principal. */
export const OPERATOR: AuditActor = {
  userId: null,
  credentialKind: 'operator',
  credentialId: null,
  impersonatorId: null,
}

export function auditActorOf(actor: Actor): AuditActor {
  return {
    userId: actor.userId,
    credentialKind: actor.credential.kind,
    credentialId: actor.credential.id,
    impersonatorId: actor.impersonatorId,
  }
}
