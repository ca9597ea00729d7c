import type { AccessExplanation, Group, Project, Role, UserListItem } from '@gatehouse/client'
import { type FormEvent, useCallback, useState } from 'react'
import { useClient } from '../../api.js'
import { ALL_PERMISSIONS, useAbilities } from '../../permissions.js'
import { useQueryParam } from '../../router.js'
import { useOrg, useSession } from '../../session.js'
import {
  Badge,
  type Column,
  EmptyState,
  ErrorMessage,
  Loaded,
  OptionGroup,
  PageHeader,
  SelectField,
  SubmitRow,
  Table,
  useAction,
  useLoad,
} from '../../ui/index.js'
import { personName } from './members/people.js'
import './members/members.css'
import { explainRows, type GrantRow, permissionSummary } from './why/explain-rows.js'

interface Choices {
  readonly users: UserListItem[]
  readonly projects: Project[]
  readonly groups: Group[]
  readonly roles: Role[]
}

interface Explained {
  readonly who: string
  readonly where: string
  readonly explanation: AccessExplanation
}

/** The value of the "Where" select that stands for the organization itself. */
const ORG_TARGET = 'organization'

/** Settings → Why? Access explained: someone's effective permissions and the grants behind them. */
export function WhyPage() {
  const client = useClient()
  const { org } = useOrg()
  const choices = useLoad(
    useCallback(async (): Promise<Choices> => {
      const [users, projects, groups, roles] = await Promise.all([
        client.users.list({ org_name: org.name }),
        client.projects.list({ org_name: org.name }),
        client.groups.list({ org_name: org.name }),
        client.roles.list({ org_name: org.name }),
      ])
      return { users, projects, groups, roles }
    }, [client, org.name]),
  )
  const abilities = useAbilities()
  const me = useSession().info?.user.id
  // Explaining someone else takes read_acls there; explaining yourself, any permission there.
  const explainsOthers = abilities.can('read_acls', 'organization')
  const onOrg = ALL_PERMISSIONS.some((p) => abilities.can(p, 'organization'))
  const [chosenUser, setUserId] = useState(useQueryParam('user') ?? '')
  const [chosenTarget, setTarget] = useState(useQueryParam('project') ?? ORG_TARGET)
  const userId = explainsOthers || chosenUser === '' ? chosenUser : (me ?? '')
  const firstProject = choices.data?.projects[0]?.id ?? ''
  const target = chosenTarget === ORG_TARGET && !onOrg ? firstProject : chosenTarget
  const [problem, setProblem] = useState<string | undefined>(undefined)

  const explain = useAction(
    async (data: Choices): Promise<Explained> => {
      const user = data.users.find((u) => u.id === userId)
      const project = data.projects.find((p) => p.id === target)
      const explanation = await client.acls.explain({
        user_id: userId,
        object_type: project === undefined ? 'organization' : 'project',
        object_id: project === undefined ? org.id : project.id,
        org_name: org.name,
      })
      return {
        who: user === undefined ? 'This member' : personName(user),
        where: project === undefined ? `the organization ${org.name}` : `project ${project.name}`,
        explanation,
      }
    },
    { errorNotice: false },
  )

  const submit = (data: Choices) => (event: FormEvent) => {
    event.preventDefault()
    if (userId === '') {
      setProblem('Choose a member or service account')
      return
    }
    setProblem(undefined)
    void explain.run(data)
  }

  return (
    <>
      <PageHeader
        title="Why? Access explained"
        description="Pick a member or service account and a project to see what they may do there, and why."
      />
      <Loaded state={choices} label="Loading members and projects…">
        {(data) => {
          const visible = explainsOthers ? data.users : data.users.filter((u) => u.id === me)
          const people = visible.filter((u) => u.kind === 'user')
          const bots = visible.filter((u) => u.kind === 'service_account')
          return (
            <>
              <form
                className="filters"
                onSubmit={submit(data)}
                noValidate
                aria-label="Explain access"
              >
                <SelectField
                  label="Member or service account"
                  value={userId}
                  onChange={(e) => setUserId(e.target.value)}
                  error={problem}
                >
                  <option value="">Choose…</option>
                  <OptionGroup
                    label="Members"
                    items={people}
                    value={(u) => u.id}
                    text={personName}
                  />
                  <OptionGroup
                    label="Service accounts"
                    items={bots}
                    value={(u) => u.id}
                    text={personName}
                    hideWhenEmpty
                  />
                </SelectField>
                <SelectField
                  label="Where"
                  value={target}
                  onChange={(e) => setTarget(e.target.value)}
                >
                  {onOrg ? <option value={ORG_TARGET}>The organization ({org.name})</option> : null}
                  <OptionGroup
                    label="Projects"
                    items={data.projects}
                    value={(p) => p.id}
                    text={(p) => p.name}
                    hideWhenEmpty
                  />
                </SelectField>
                <SubmitRow pending={explain.pending}>Explain</SubmitRow>
              </form>
              {abilities.ready && !explainsOthers ? (
                <p className="muted">
                  You can see why you have the access you have. Explaining someone else's access
                  takes the permission to read the permissions granted here (read_acls).
                </p>
              ) : null}
              <ErrorMessage error={explain.error} />
              {explain.result === undefined || explain.error !== undefined ? null : (
                <Explanation result={explain.result} data={data} />
              )}
            </>
          )
        }}
      </Loaded>
    </>
  )
}

function Explanation({ result, data }: { result: Explained; data: Choices }) {
  const { org } = useOrg()
  const summary = permissionSummary(result.explanation)
  const rows = explainRows(result.explanation, {
    orgName: org.name,
    project: (id) => data.projects.find((p) => p.id === id)?.name,
    group: (id) => data.groups.find((g) => g.id === id)?.name,
    role: (id) => data.roles.find((r) => r.id === id)?.name,
  })
  const columns: Column<GrantRow>[] = [
    { key: 'permission', header: 'Permission', render: (r) => <code>{r.permission}</code> },
    {
      key: 'where',
      header: 'Granted on',
      render: (r) => (
        <>
          {r.where}
          {r.restrictedTo === null ? null : (
            <div className="muted">only on {r.restrictedTo} objects</div>
          )}
        </>
      ),
    },
    {
      key: 'groups',
      header: 'Through groups',
      render: (r) =>
        r.groups.length === 0 ? (
          <span className="muted">Directly (no group)</span>
        ) : (
          <span className="path">{r.groups.join(' → ')}</span>
        ),
    },
    {
      key: 'roles',
      header: 'Role',
      render: (r) =>
        r.roles.length === 0 ? (
          <span className="muted">The permission itself</span>
        ) : (
          <span className="path">{r.roles.join(' → ')}</span>
        ),
    },
  ]
  const held = summary.filter((s) => s.held)
  return (
    <section className="page-section" aria-labelledby="why-result" aria-live="polite">
      <h2 id="why-result">
        What {result.who} may do on {result.where}
      </h2>
      {held.length === 0 ? (
        <EmptyState title="No permissions here">
          <p>
            {result.who} holds nothing on {result.where}: no grant there, on an ancestor, or through
            any of their groups.
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="held-list" aria-label="Permissions held">
            {summary.map((s) => (
              <li key={s.permission}>
                <Badge tone={s.held ? 'success' : 'neutral'}>
                  {s.permission}: {s.held ? `yes (${s.grants})` : 'no'}
                </Badge>
              </li>
            ))}
          </ul>
          <Table
            caption="The grants behind them"
            columns={columns}
            rows={rows}
            rowKey={(r) => r.key}
          />
          <p className="muted">
            Group paths run from the group the person is in to the group the grant names; grants add
            up, and an organization-wide grant reaches every project.
          </p>
        </>
      )}
    </section>
  )
}
