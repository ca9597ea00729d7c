import { useId } from 'react'
import { useOrg } from '../session.js'
import { PlanBadge } from '../ui/index.js'

/** The current organization with its plan; a switcher when the user is in several. */
export function OrgSwitcher() {
  const { org, orgs, switchOrg } = useOrg()
  const id = useId()
  return (
    <div className="org-switcher">
      {orgs.length > 1 ? (
        <>
          <label htmlFor={id} className="visually-hidden">
            Organization
          </label>
          <select id={id} value={org.name} onChange={(event) => switchOrg(event.target.value)}>
            {orgs.map((o) => (
              <option key={o.id} value={o.name}>
                {o.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <span className="org-name" title="Organization">
          {org.name}
        </span>
      )}
      <PlanBadge plan={org.plan} />
    </div>
  )
}
