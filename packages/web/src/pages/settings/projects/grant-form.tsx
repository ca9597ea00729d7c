import { ALL_PERMISSIONS } from '../../../permissions.js'
import { ErrorMessage, OptionGroup, SelectField, SubmitRow } from '../../../ui/index.js'
import { personName } from '../members/people.js'
import type { AccessData, ProjectAccess } from './use-project-access.js'

/** The form under a project's grants: who gets which permission or role on it. */
export function GrantForm({ access, data }: { access: ProjectAccess; data: AccessData }) {
  const { blocked } = access
  const people = data.users.filter((u) => u.kind === 'user')
  const bots = data.users.filter((u) => u.kind === 'service_account')
  return (
    <form
      onSubmit={access.submit}
      noValidate
      aria-label="Grant a permission"
      className="page-section"
    >
      <h3>Grant a permission</h3>
      {blocked === undefined ? null : (
        <p id="group-grant-plan" className="muted">
          {blocked}
        </p>
      )}
      <div className="filters">
        <SelectField
          label="Who"
          value={access.subject}
          onChange={(e) => access.setSubject(e.target.value)}
          aria-describedby={blocked === undefined ? undefined : 'group-grant-plan'}
        >
          <option value="">Choose…</option>
          <OptionGroup
            label={blocked === undefined ? 'Groups' : 'Groups (Enterprise plan)'}
            items={data.groups}
            value={(g) => `group:${g.id}`}
            text={(g) => g.name}
            disabled={blocked !== undefined}
          />
          <OptionGroup
            label="Members"
            items={people}
            value={(u) => `user:${u.id}`}
            text={personName}
          />
          <OptionGroup
            label="Service accounts"
            items={bots}
            value={(u) => `user:${u.id}`}
            text={personName}
            hideWhenEmpty
          />
        </SelectField>
        <SelectField
          label="Permission or role"
          value={access.grant}
          onChange={(e) => access.setGrant(e.target.value)}
        >
          <option value="">Choose…</option>
          <OptionGroup
            label="Roles"
            items={data.roles}
            value={(r) => `role:${r.id}`}
            text={(r) => r.name}
          />
          <OptionGroup
            label="Permissions"
            items={ALL_PERMISSIONS}
            value={(p) => `permission:${p}`}
            text={(p) => p}
          />
        </SelectField>
        <SubmitRow pending={access.add.pending}>Grant</SubmitRow>
      </div>
      {access.problem === undefined ? null : (
        <p className="field-error" role="alert">
          {access.problem}
        </p>
      )}
      <ErrorMessage error={access.add.error} />
    </form>
  )
}
