import type { ServiceAccount } from '@gatehouse/client'
import { useCallback, useState } from 'react'
import { useClient } from '../../api.js'
import { formatDateTime } from '../../format.js'
import { navigate, useLocation, useQueryParam, withKeptQuery } from '../../router.js'
import { useOrg } from '../../session.js'
import {
  Button,
  type Column,
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Loaded,
  PageHeader,
  Table,
  useLoad,
} from '../../ui/index.js'
import { AccountDetail } from './service-tokens/account-detail.js'
import { CreateAccountDialog } from './service-tokens/create-account-dialog.js'

/** Settings → Service tokens: service accounts, their tokens and their permissions. */
export function ServiceTokensPage() {
  const client = useClient()
  const { org } = useOrg()
  const location = useLocation()
  const selected = useQueryParam('account')
  const accounts = useLoad(
    useCallback(() => client.serviceAccounts.list({ org_name: org.name }), [client, org.name]),
  )
  const [creating, setCreating] = useState(false)
  const [deleting, setDeleting] = useState<ServiceAccount | undefined>(undefined)

  const open = (id: string | null) =>
    navigate(
      withKeptQuery(
        id === null
          ? '/settings/service-tokens'
          : `/settings/service-tokens?account=${encodeURIComponent(id)}`,
        location.search,
      ),
    )

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
          <Button variant="primary" onClick={() => setCreating(true)}>
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
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(a) => {
          setCreating(false)
          void accounts.reload()
          open(a.id)
        }}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title={`Delete ${deleting?.name ?? 'service account'}?`}
        confirmLabel="Delete service account"
        danger
        successMessage={`Service account ${deleting?.name ?? ''} deleted`}
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (deleting === undefined) {
            return
          }
          await client.serviceAccounts.delete(deleting.id)
          open(null)
          await accounts.reload()
        }}
      >
        <p>
          All of its tokens are revoked and stop working on their next request. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  )
}
