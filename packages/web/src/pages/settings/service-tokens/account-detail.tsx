import type { Group, ServiceAccount, ServiceToken } from '@gatehouse/client'
import { useCallback, useState } from 'react'
import { useClient } from '../../../api.js'
import { formatDateTime, formatRelative } from '../../../format.js'
import { SubjectPermissions } from '../../../permission-grid/index.js'
import { useOrg } from '../../../session.js'
import {
  Badge,
  Button,
  Checkbox,
  type Column,
  ConfirmDialog,
  DetailCard,
  EmptyState,
  ErrorMessage,
  Loaded,
  Table,
  useAction,
  useLoad,
} from '../../../ui/index.js'
import { CreateCredentialDialog } from '../api-keys/create-credential-dialog.js'
import { credentialStatus } from '../api-keys/credential-status.js'

/** One service account: its tokens and its permissions (groups, or a direct grid). */
export function AccountDetail({
  account,
  onBack,
  onDelete,
}: {
  account: ServiceAccount
  onBack: () => void
  onDelete: () => void
}) {
  const { org } = useOrg()
  return (
    <div className="stack">
      <div className="detail-header">
        <Button size="small" variant="ghost" onClick={onBack}>
          ← All service accounts
        </Button>
        <h2>{account.name}</h2>
        <Button size="small" variant="danger" onClick={onDelete}>
          Delete service account
        </Button>
      </div>
      <p className="muted">
        Identity <code className="break-anywhere">{account.email}</code>, created{' '}
        {formatDateTime(account.created)}.
      </p>
      <Tokens account={account} />
      {org.plan === 'enterprise' ? (
        <AccountGroups account={account} />
      ) : (
        <DirectPermissions account={account} />
      )}
    </div>
  )
}

function Tokens({ account }: { account: ServiceAccount }) {
  const client = useClient()
  const { org } = useOrg()
  const tokens = useLoad(
    useCallback(async () => {
      const all = await client.serviceTokens.list({ org_name: org.name })
      return all.filter((t) => t.service_account_id === account.id)
    }, [client, org.name, account.id]),
  )
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<ServiceToken | undefined>(undefined)
  const columns: Column<ServiceToken>[] = [
    { key: 'name', header: 'Name', render: (t) => t.name },
    {
      key: 'preview',
      header: 'Token',
      render: (t) => <code className="nowrap">{t.preview_name}</code>,
    },
    { key: 'created', header: 'Created', render: (t) => formatDateTime(t.created) },
    {
      key: 'used',
      header: 'Last used',
      render: (t) => formatRelative(t.last_used_at, { fallback: 'Never' }),
    },
    {
      key: 'expires',
      header: 'Expires',
      render: (t) => (t.expires_at === null ? 'Never' : formatDateTime(t.expires_at)),
    },
    { key: 'status', header: 'Status', render: (t) => credentialStatus(t) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (t) =>
        t.revoked_at === null ? (
          <Button
            size="small"
            variant="danger"
            aria-label={`Revoke ${t.name}`}
            onClick={() => setRevoking(t)}
          >
            Revoke
          </Button>
        ) : null,
    },
  ]
  return (
    <section className="detail-card stack" aria-labelledby="tokens-title">
      <div className="section-header">
        <h3 id="tokens-title">Tokens</h3>
        <Button variant="primary" size="small" onClick={() => setCreating(true)}>
          Create token
        </Button>
      </div>
      <Loaded state={tokens} label="Loading tokens…">
        {(list) => (
          <Table
            caption={`Tokens of ${account.name}`}
            hideCaption
            columns={columns}
            rows={list}
            rowKey={(t) => t.id}
            empty={
              <EmptyState title="No tokens yet">
                <p>A token acts as {account.name}. Its secret is shown once.</p>
              </EmptyState>
            }
          />
        )}
      </Loaded>
      <CreateCredentialDialog
        open={creating}
        title={`Create a token for ${account.name}`}
        what="service token"
        create={(name, expiresAt) =>
          client.serviceTokens.create({
            name,
            service_account_id: account.id,
            org_name: org.name,
            expires_at: expiresAt,
          })
        }
        onClose={() => setCreating(false)}
        onCreated={() => void tokens.reload()}
      />
      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        confirmLabel="Revoke token"
        danger
        successMessage={`Service token ${revoking?.name ?? ''} revoked`}
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (revoking === undefined) {
            return
          }
          await client.serviceTokens.delete(revoking.id)
          await tokens.reload()
        }}
      >
        <p>
          Anything using <code>{revoking?.preview_name}</code> stops working on its next request.
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  )
}

/** Enterprise: a service account gets its permissions from the groups it is in. */
function AccountGroups({ account }: { account: ServiceAccount }) {
  const client = useClient()
  const { org } = useOrg()
  const groups = useLoad(
    useCallback(() => client.groups.list({ org_name: org.name }), [client, org.name]),
  )
  const toggle = useAction(
    (group: Group, join: boolean) =>
      client.groups.patch(
        group.id,
        join ? { add_member_users: [account.id] } : { remove_member_users: [account.id] },
      ),
    {
      success: (g) =>
        g.member_users.includes(account.id)
          ? `${account.name} added to ${g.name}`
          : `${account.name} removed from ${g.name}`,
      onSuccess: (g) => groups.setData((all) => (all ?? []).map((x) => (x.id === g.id ? g : x))),
    },
  )
  return (
    <DetailCard titleId="sa-groups-title" title="Permission groups" stack>
      <p className="muted">
        {account.name} holds what its groups hold. Edit what a group grants under Permission groups.
      </p>
      <Loaded state={groups} label="Loading groups…">
        {(list) => (
          <fieldset className="group-picks" disabled={toggle.pending}>
            <legend className="visually-hidden">Groups of {account.name}</legend>
            {list.map((g) => (
              <Checkbox
                key={g.id}
                label={
                  <>
                    {g.name} {g.builtin === null ? null : <Badge tone="info">Built-in</Badge>}
                  </>
                }
                aria-label={`Member of ${g.name}`}
                checked={g.member_users.includes(account.id)}
                onChange={(e) => void toggle.run(g, e.currentTarget.checked)}
              />
            ))}
          </fieldset>
        )}
      </Loaded>
      <ErrorMessage error={toggle.error} />
    </DetailCard>
  )
}

/** Starter and Pro: no custom groups, so a service account gets direct permissions. */
function DirectPermissions({ account }: { account: ServiceAccount }) {
  return (
    <DetailCard titleId="sa-permissions-title" title="Permissions" stack>
      <p className="muted">
        On your plan a service account gets its permissions directly, not through custom groups.
      </p>
      <SubjectPermissions kind="user" id={account.id} subjectLabel={account.name} />
    </DetailCard>
  )
}
