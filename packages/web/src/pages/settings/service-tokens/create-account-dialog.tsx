import type { ServiceAccount } from '@gatehouse/client'
import { useClient } from '../../../api.js'
import { useOrg } from '../../../session.js'
import {
  type CreateDialogProps,
  CreateNamedDialog,
  useAction,
  useNameField,
} from '../../../ui/index.js'

/** Creates a service account by name; its tokens are created on its own page next. */
export function CreateAccountDialog({
  open,
  onClose,
  onCreated,
}: CreateDialogProps<ServiceAccount>) {
  const client = useClient()
  const { org } = useOrg()
  const field = useNameField('', 'Give the service account a name')
  const create = useAction(
    () => client.serviceAccounts.create({ name: field.name.trim(), org_name: org.name }),
    {
      errorNotice: false,
      success: (r) => `Service account ${r.service_account.name} created`,
      onSuccess: (r) => {
        field.setName('')
        onCreated(r.service_account)
      },
    },
  )
  return (
    <CreateNamedDialog
      open={open}
      title="Create a service account"
      submitLabel="Create service account"
      field={field}
      nameHint="e.g. ci-pipeline. You create its tokens next."
      action={create}
      onSubmit={field.submitWith(() => void create.run())}
      onClose={onClose}
    />
  )
}
