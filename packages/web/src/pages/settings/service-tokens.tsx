import type { ServiceAccount } from '@gatehouse/client'
import { useCallback } from 'react'
import { useClient } from '../../api.js'
import { formatDateTime } from '../../format.js'
import { useAbilities } from '../../permissions.js'
import { useOrg } from '../../session.js'
import {
  Button,
  type Column,
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Loaded,
  PageHeader,
  Spinner,
  Table,
  useListDetail,
  useLoad,
} from '../../ui/index.js'
import { AccountDetail } from './service-tokens/account-detail.js'
import { CreateAccountDialog } from './service-tokens/create-account-dialog.js'

/** Why the page is closed to non-owners: core's OWNER_REQUIRED, word for word. */
export const OWNER_REQUIRED =
  'Only organization owners can manage service accounts and service tokens'

/**
 * Settings → Service tokens. Only owners manage service accounts: the others are told so
 * before anything is asked of the API, rather than refused after.
 */
export function ServiceTokensPage() {
  const abilities = useAbilities()
  if (!abilities.ready) {
    return (
      <div className="loading">
        <Spinner label="Loading service accounts…" />
        <span aria-hidden="true">Loading service accounts…</span>
      </div>
    )
  }
  if (!abilities.owner) {
    return (
      <>
        <PageHeader
          title="Service tokens"
          description="Service accounts and their tokens, for integrations that are not a person."
        />
        <EmptyState title="Not available to you">
          <p>{OWNER_REQUIRED}.</p>
        </EmptyState>
      </>
    )
  }
  return <ManagedServiceTokens />
}

/** Service accounts, their tokens and their permissions, for an owner. */
function ManagedServiceTokens() {
  const client = useClient()
  const { org } = useOrg()
  const accounts = useLoad(
    useCallback(() => client.serviceAccounts.list({ org_name: org.name }), [client, org.name]),
  )
  const page = useListDetail<ServiceAccount>('/settings/service-tokens', 'account', accounts.reload)
  const { selected, open, deleting, setDeleting } = page

  const columns: Column<ServiceAccount>[] = [
    {
      key: 'name',
      header: 'Service account',
      render: (a) => (
        <button type="button" className="row-link" onClick={() => open(a.id)}>
          {a.name}
        </button>
      ),
    },
    { key: 'email', header: 'Identity', render: (a) => <code>{a.email}</code> },
    { key: 'created', header: 'Created', render: (a) => formatDateTime(a.created) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'actions',
      render: (a) => (
        <>
          <Button size="small" aria-label={`Manage ${a.name}`} onClick={() => open(a.id)}>
            Manage
          </Button>
          <Button
            size="small"
            variant="danger"
            aria-label={`Delete ${a.name}`}
            onClick={() => setDeleting(a)}
          >
            Delete
          </Button>
        </>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Service tokens"
        description="Service accounts and their tokens, for integrations that are not a person."
        actions={
          <Button variant="primary" onClick={() => page.setCreating(true)}>
            Create service account
          </Button>
        }
      />
      <Loaded state={accounts} label="Loading service accounts…">
        {(list) => {
          const current = selected === null ? undefined : list.find((a) => a.id === selected)
          if (selected !== null && current === undefined) {
            return (
              <ErrorMessage error="This service account does not exist or you cannot see it">
                <Button size="small" onClick={() => open(null)}>
                  Back to all service accounts
                </Button>
              </ErrorMessage>
            )
          }
          if (current !== undefined) {
            return (
              <AccountDetail
                account={current}
                onBack={() => open(null)}
                onDelete={() => setDeleting(current)}
              />
            )
          }
          return (
            <Table
              caption="Service accounts"
              hideCaption
              columns={columns}
              rows={list}
              rowKey={(a) => a.id}
              empty={
                <EmptyState title="No service accounts yet">
                  <p>
                    A service account is an identity for an integration; its tokens act as it, with
                    the permissions you give it here.
                  </p>
                </EmptyState>
              }
            />
          )
        }}
      </Loaded>
      <CreateAccountDialog
        open={page.creating}
        onClose={() => page.setCreating(false)}
        onCreated={page.created}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title={`Delete ${deleting?.name ?? 'service account'}?`}
        confirmLabel="Delete service account"
        danger
        successMessage={`Service account ${deleting?.name ?? ''} deleted`}
        onClose={() => setDeleting(undefined)}
        onConfirm={page.deleteWith((id) => client.serviceAccounts.delete(id))}
      >
        <p>
          All of its tokens are revoked and stop working on their next request. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  )
}
