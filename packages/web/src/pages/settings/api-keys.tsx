import type { ApiKey } from '@gatehouse/client'
import { useCallback, useState } from 'react'
import { useClient } from '../../api.js'
import { formatDateTime, formatRelative } from '../../format.js'
import { useAbilities } from '../../permissions.js'
import { useOrg } from '../../session.js'
import {
  Button,
  type Column,
  ConfirmDialog,
  EmptyState,
  Loaded,
  PageHeader,
  Table,
  useLoad,
} from '../../ui/index.js'
import { CreateCredentialDialog } from './api-keys/create-credential-dialog.js'
import { credentialStatus } from './api-keys/credential-status.js'

/** Settings → API keys: your keys (create, revoke) and, for owners, every key of the org. */
export function ApiKeysPage() {
  const client = useClient()
  const { org } = useOrg()
  // Only owners see (and revoke) every key of the organization (OWNER_ONLY_KEY_INVENTORY).
  const isOwner = useAbilities().owner
  const mine = useLoad(
    useCallback(() => client.apiKeys.list({ org_name: org.name }), [client, org.name]),
  )
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<ApiKey | undefined>(undefined)
  const [orgReload, setOrgReload] = useState(0)

  const columns = (withOwner: boolean): Column<ApiKey>[] => [
    { key: 'name', header: 'Name', render: (k) => k.name },
    ...(withOwner
      ? [{ key: 'owner', header: 'Owner', render: (k: ApiKey) => k.user_email ?? k.user_id ?? '—' }]
      : []),
    {
      key: 'preview',
      header: 'Key',
      render: (k) => <code className="nowrap">{k.preview_name}</code>,
    },
    { key: 'created', header: 'Created', render: (k) => formatDateTime(k.created) },
    {
      key: 'used',
      header: 'Last used',
      render: (k) => (
        <span title={formatDateTime(k.last_used_at)}>
          {formatRelative(k.last_used_at, { fallback: 'Never' })}
        </span>
      ),
    },
    {
      key: 'expires',
      header: 'Expires',
      render: (k) => (k.expires_at === null ? 'Never' : formatDateTime(k.expires_at)),
    },
    { key: 'status', header: 'Status', render: (k) => credentialStatus(k) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (k) =>
        k.revoked_at === null ? (
          <Button
            size="small"
            variant="danger"
            aria-label={`Revoke ${k.name}${withOwner && k.user_email ? ` of ${k.user_email}` : ''}`}
            onClick={() => setRevoking(k)}
          >
            Revoke
          </Button>
        ) : null,
    },
  ]

  return (
    <>
      <PageHeader
        title="API keys"
        description="Personal keys that act as you from scripts and SDKs."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create API key
          </Button>
        }
      />
      <section aria-labelledby="my-keys-title" className="stack">
        <h2 id="my-keys-title">Your keys</h2>
        <Loaded state={mine} label="Loading your keys…">
          {(keys) => (
            <Table
              caption="Your API keys"
              hideCaption
              columns={columns(false)}
              rows={keys}
              rowKey={(k) => k.id}
              empty={
                <EmptyState title="No API keys yet">
                  <p>A key lets a script or SDK act as you. Its secret is shown once.</p>
                </EmptyState>
              }
            />
          )}
        </Loaded>
      </section>
      {isOwner === true ? <OrgKeys key={orgReload} columns={columns(true)} /> : null}
      <CreateCredentialDialog
        open={creating}
        title="Create an API key"
        what="API key"
        create={(name, expiresAt) =>
          client.apiKeys.create({ name, org_name: org.name, expires_at: expiresAt })
        }
        onClose={() => setCreating(false)}
        onCreated={() => {
          void mine.reload()
          setOrgReload((n) => n + 1)
        }}
      />
      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke ${revoking?.name ?? 'key'}?`}
        confirmLabel="Revoke key"
        danger
        successMessage={`API key ${revoking?.name ?? ''} revoked`}
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (revoking === undefined) {
            return
          }
          await client.apiKeys.delete(revoking.id)
          setOrgReload((n) => n + 1)
          await mine.reload()
        }}
      >
        <p>
          Anything using <code>{revoking?.preview_name}</code>
          {revoking?.user_email ? ` (${revoking.user_email})` : ''} stops working on its next
          request. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  )
}

function OrgKeys({ columns }: { columns: Column<ApiKey>[] }) {
  const client = useClient()
  const { org } = useOrg()
  const all = useLoad(
    useCallback(
      () => client.apiKeys.list({ org_name: org.name, scope: 'org' }),
      [client, org.name],
    ),
  )
  return (
    <section aria-labelledby="org-keys-title" className="stack">
      <h2 id="org-keys-title">All keys in the organization</h2>
      <p className="muted">
        As an owner you see every member's keys, revoked ones included, and can revoke any.
      </p>
      <Loaded state={all} label="Loading the organization's keys…">
        {(keys) => (
          <Table
            caption="All API keys in the organization"
            hideCaption
            columns={columns}
            rows={keys}
            rowKey={(k) => k.id}
            empty={<EmptyState title="No API keys in this organization" />}
          />
        )}
      </Loaded>
    </section>
  )
}
