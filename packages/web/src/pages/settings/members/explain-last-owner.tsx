import { isGatehouseApiError } from '@gatehouse/client'

/** Why the last owner stays, said under the API's refusal. */
const LAST_OWNER_EXPLAINED =
  'Someone must always be able to manage members, billing and access, so the last person in ' +
  'Owners cannot be removed or leave that group. Add another owner first.'

/** The words under a LAST_OWNER refusal (removing a member, or leaving Owners); else none. */
export function explainLastOwner(error: Error) {
  return isGatehouseApiError(error) && error.code === 'LAST_OWNER' ? (
    <p>{LAST_OWNER_EXPLAINED}</p>
  ) : null
}
