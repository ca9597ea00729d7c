import { useCallback, useMemo } from 'react'
import { useClient } from '../api.js'
import { useOrg } from '../session.js'
import { Loaded, useLoad } from '../ui/index.js'
import { type GridSubject, projectRowsDisabledReason } from './model.js'
import { PermissionGrid } from './permission-grid.js'

/**
 * The permission grid of one group or user, loaded with the organization's projects and saved
 * in one batch. It lives beside the grid, not in ui/, because the grid itself uses ui/.
 */
export function SubjectPermissions({
  kind,
  id,
  subjectLabel,
}: {
  kind: GridSubject['kind']
  id: string
  subjectLabel: string
}) {
  const client = useClient()
  const { org } = useOrg()
  const data = useLoad(
    useCallback(async () => {
      const [acls, projects] = await Promise.all([
        client.acls.listOrg(
          kind === 'group'
            ? { org_name: org.name, group_id: id }
            : { org_name: org.name, user_id: id },
        ),
        client.projects.list({ org_name: org.name }),
      ])
      return { acls, projects }
    }, [client, org.name, kind, id]),
  )
  const subject = useMemo((): GridSubject => ({ kind, id }), [kind, id])
  return (
    <Loaded state={data} label="Loading permissions…" refused="Permissions not visible to you">
      {({ acls, projects }) => (
        <PermissionGrid
          subject={subject}
          subjectLabel={subjectLabel}
          orgId={org.id}
          acls={acls}
          projects={projects}
          projectsDisabledReason={projectRowsDisabledReason(org.plan, subject)}
          onSave={async (diff) => {
            await client.acls.batchUpdate(diff)
            await data.reload()
          }}
        />
      )}
    </Loaded>
  )
}
