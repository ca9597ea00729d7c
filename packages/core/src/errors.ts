/**
 * The one error table of Gatehouse. Codes are specific and stable; kinds are coarse and map to
 * HTTP statuses (server) and exit codes (CLI). The messages of the rules are part of the API
 * contract: clients and tests match them to the letter.
 */
export type ErrorKind =
  | 'invalid'
  | 'too_large'
  | 'headers_too_large'
  | 'timeout'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal'

export const ERRORS = {
  VALIDATION_FAILED: { kind: 'invalid', message: 'The request is not valid' },
  ORG_REQUIRED: {
    kind: 'invalid',
    message: 'The caller belongs to several organizations: name one with org_name',
  },
  ACL_SUBJECT_INVALID: {
    kind: 'invalid',
    message: 'An ACL names exactly one of user_id and group_id',
  },
  ACL_GRANT_INVALID: {
    kind: 'invalid',
    message: 'An ACL names exactly one of permission and role_id',
  },
  ACL_RESTRICT_WITH_ROLE: {
    kind: 'invalid',
    message: 'restrict_object_type cannot be set alongside a role_id',
  },
  GROUP_CYCLE: {
    kind: 'invalid',
    message: 'A group cannot contain itself, directly or through other groups',
  },
  ROLE_CYCLE: {
    kind: 'invalid',
    message: 'A role cannot inherit from itself, directly or through other roles',
  },
  INVITATION_NEEDS_GROUP: {
    kind: 'invalid',
    message: 'Every invited member must be assigned at least one permission group',
  },
  PASSWORD_TOO_SHORT: { kind: 'invalid', message: 'Passwords must be at least 8 characters long' },
  PASSWORD_TOO_LONG: { kind: 'invalid', message: 'Passwords must be at most 1024 bytes long' },
  EMAIL_INVALID: { kind: 'invalid', message: 'The email address is not valid' },

  CREDENTIAL_IN_URL: {
    kind: 'invalid',
    message: 'Credentials are not accepted in the URL; send them in the Authorization header',
  },
  CSRF_FAILED: {
    kind: 'forbidden',
    message: 'This request needs the CSRF token of your session in the x-csrf-token header',
  },
  PAYLOAD_TOO_LARGE: { kind: 'too_large', message: 'The request body is too large' },
  HEADERS_TOO_LARGE: {
    kind: 'headers_too_large',
    message: 'The request line and headers are too large',
  },
  REQUEST_TIMEOUT: {
    kind: 'timeout',
    message: 'The request was not received in time',
  },
  MALFORMED_REQUEST: { kind: 'invalid', message: 'The request is not valid HTTP' },
  ROUTE_NOT_FOUND: { kind: 'not_found', message: 'No such route' },
  SETUP_NOT_AVAILABLE: {
    kind: 'not_found',
    message: 'Setup is not available: the link is unknown, used or expired',
  },

  UNAUTHENTICATED: { kind: 'unauthenticated', message: 'Credentials are missing or invalid' },

  PERMISSION_DENIED: {
    kind: 'forbidden',
    message: 'The caller lacks the permission this request needs',
  },
  API_KEY_CANNOT_CREATE_API_KEY: { kind: 'forbidden', message: 'API keys cannot create API keys' },
  SERVICE_TOKEN_CANNOT_CREATE_API_KEY: {
    kind: 'forbidden',
    message: 'Service tokens cannot create API keys',
  },
  API_KEY_CANNOT_CREATE_SERVICE_TOKEN: {
    kind: 'forbidden',
    message: 'API keys cannot create service tokens',
  },
  API_KEY_CANNOT_CREATE_SERVICE_ACCOUNT: {
    kind: 'forbidden',
    message: 'API keys cannot create service accounts',
  },
  SERVICE_TOKEN_MINTING_DISABLED: {
    kind: 'forbidden',
    message: 'This organization does not allow service tokens to create service tokens',
  },
  OWNER_REQUIRED: {
    kind: 'forbidden',
    message: 'Only organization owners can manage service accounts and service tokens',
  },
  OWNER_ONLY_SETTING: {
    kind: 'forbidden',
    message: 'Only organization owners can change this setting',
  },
  CREDENTIAL_SETTING_NEEDS_SESSION: {
    kind: 'forbidden',
    message: "Settings that govern credentials can only be changed from an owner's own session",
  },
  OWNER_ONLY_KEY_INVENTORY: {
    kind: 'forbidden',
    message: 'Only organization owners can see every API key in the organization',
  },
  IMPERSONATION_CANNOT_MINT: {
    kind: 'forbidden',
    message: 'Impersonated requests cannot create credentials',
  },
  IMPERSONATION_NOT_ALLOWED: {
    kind: 'forbidden',
    message: 'Impersonation requires the Owner role in every organization the user belongs to',
  },
  IMPERSONATION_NESTED: { kind: 'forbidden', message: 'Impersonation cannot be nested' },
  IMPERSONATION_CANNOT_CHANGE_IDENTITY: {
    kind: 'forbidden',
    message: "Impersonated requests cannot change the user's password or email",
  },
  GRANT_EXCEEDS_CALLER: {
    kind: 'forbidden',
    message: 'You cannot grant permissions that you do not hold',
  },
  PLAN_CUSTOM_GROUPS: {
    kind: 'forbidden',
    message: 'Custom permission groups require the Enterprise plan',
  },
  PLAN_PROJECT_GROUP_GRANTS: {
    kind: 'forbidden',
    message: 'Project-level permissions for groups require the Enterprise plan',
  },
  PLAN_GROUP_MANAGE_ACCESS: {
    kind: 'forbidden',
    message: 'Managing access to permission groups requires the Enterprise plan',
  },
  LAST_OWNER: { kind: 'forbidden', message: 'An organization must keep at least one owner' },
  BUILTIN_GROUP_IMMUTABLE: {
    kind: 'forbidden',
    message: 'Built-in groups cannot be deleted or renamed',
  },
  SYSTEM_ROLE_IMMUTABLE: { kind: 'forbidden', message: 'System roles cannot be changed' },

  ORG_NOT_FOUND: { kind: 'not_found', message: 'Organization not found' },
  USER_NOT_FOUND: { kind: 'not_found', message: 'User not found' },
  PROJECT_NOT_FOUND: { kind: 'not_found', message: 'Project not found' },
  GROUP_NOT_FOUND: { kind: 'not_found', message: 'Group not found' },
  ROLE_NOT_FOUND: { kind: 'not_found', message: 'Role not found' },
  ACL_NOT_FOUND: { kind: 'not_found', message: 'ACL not found' },
  OBJECT_NOT_FOUND: { kind: 'not_found', message: 'Object not found' },
  API_KEY_NOT_FOUND: { kind: 'not_found', message: 'API key not found' },
  SERVICE_ACCOUNT_NOT_FOUND: { kind: 'not_found', message: 'Service account not found' },
  SERVICE_TOKEN_NOT_FOUND: { kind: 'not_found', message: 'Service token not found' },
  INVITATION_NOT_FOUND: { kind: 'not_found', message: 'Invitation not found or no longer valid' },

  ORG_NAME_TAKEN: { kind: 'conflict', message: 'An organization with this name already exists' },
  EMAIL_TAKEN: { kind: 'conflict', message: 'A user with this email already exists' },
  NAME_TAKEN: { kind: 'conflict', message: 'An object with this name already exists' },
  ALREADY_MEMBER: {
    kind: 'conflict',
    message: 'The user is already a member of this organization',
  },

  // Backups and restores (`gatehouse backup`, `gatehouse restore`).
  BACKUP_USE_PG_DUMP: {
    kind: 'invalid',
    message:
      'PostgreSQL is backed up with pg_dump and restored with pg_restore (see docs/operations.md)',
  },
  BACKUP_NOT_GATEHOUSE: { kind: 'invalid', message: 'The file is not a Gatehouse database' },
  BACKUP_DAMAGED: { kind: 'invalid', message: "The file fails SQLite's integrity check" },
  BACKUP_MIGRATION_MISMATCH: {
    kind: 'invalid',
    message: "The backup's migrations are not those of this version of Gatehouse",
  },
  FILE_NOT_FOUND: { kind: 'not_found', message: 'The file does not exist' },
  BACKUP_FILE_EXISTS: {
    kind: 'conflict',
    message: 'The backup file already exists: choose another name',
  },
  RESTORE_TARGET_EXISTS: {
    kind: 'conflict',
    message: 'The database file already exists: pass --force to replace it',
  },
  DATABASE_IN_USE: {
    kind: 'conflict',
    message: 'The database is open in another process: stop it first',
  },

  RATE_LIMITED: { kind: 'rate_limited', message: 'Too many requests; retry later' },

  INTERNAL: { kind: 'internal', message: 'Internal error' },
} as const satisfies Record<string, { kind: ErrorKind; message: string }>

export type ErrorCode = keyof typeof ERRORS

/** Context that an error may carry; never a secret. */
export type ErrorDetails = Readonly<Record<string, unknown>>

/** A failure with a code from {@link ERRORS}; the message is the table's, word for word. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly kind: ErrorKind
  readonly details: ErrorDetails | undefined

  constructor(code: ErrorCode, details?: ErrorDetails, options?: ErrorOptions) {
    super(ERRORS[code].message, options)
    this.name = 'AppError'
    this.code = code
    this.kind = ERRORS[code].kind
    this.details = details
  }
}

/** True when `err` is an {@link AppError}, optionally of the given code. */
export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code)
}
