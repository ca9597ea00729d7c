import type { Group, MembersUpdated } from '@gatehouse/client'
import { type FormEvent, useState } from 'react'
import { useClient } from '../../../api.js'
import { useOrg } from '../../../session.js'
import {
  Button,
  Dialog,
  ErrorMessage,
  TextAreaField,
  useAction,
  useSetToggle,
} from '../../../ui/index.js'
import { GroupChoices } from './group-choices.js'
import { parseInviteEmails } from './invite-emails.js'

/** Invites people by email into the groups chosen; checks both before asking the API. */
export function InviteDialog({
  open,
  groups,
  onClose,
  onInvited,
}: {
  open: boolean
  groups: readonly Group[]
  onClose: () => void
  onInvited: (result: MembersUpdated) => void
}) {
  const client = useClient()
  const { org } = useOrg()
  const [text, setText] = useState('')
  const choice = useSetToggle<string>()
  const [problems, setProblems] = useState<{ emails?: string; groups?: string }>({})
  const invite = useAction(
    (emails: readonly string[], groupIds: readonly string[]) =>
      client.organizations.updateMembers({
        org_name: org.name,
        invite_users: { emails: [...emails], group_ids: [...groupIds] },
      }),
    {
      errorNotice: false,
      success: (r) =>
        `${r.invitations.length} invitation${r.invitations.length === 1 ? '' : 's'} created`,
      onSuccess: (result) => {
        setText('')
        choice.reset()
        onInvited(result)
      },
    },
  )
  const close = () => {
    invite.reset()
    setProblems({})
    onClose()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseInviteEmails(text)
    const next = {
      ...(parsed.problems.length > 0 ? { emails: parsed.problems.join('. ') } : {}),
      ...(choice.chosen.size === 0
        ? { groups: 'Choose at least one group to invite them into' }
        : {}),
    }
    setProblems(next)
    if (next.emails === undefined && next.groups === undefined) {
      void invite.run(parsed.emails, [...choice.chosen])
    }
  }
  return (
    <Dialog
      open={open}
      title="Invite people"
      description="Each person gets an invitation link, valid for 7 days, into the groups you choose."
      onClose={close}
      dismissible={!invite.pending}
      footer={
        <>
          <Button onClick={close} disabled={invite.pending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="invite-form" pending={invite.pending}>
            Create invitations
          </Button>
        </>
      }
    >
      <form id="invite-form" onSubmit={submit} noValidate>
        <TextAreaField
          label="Email addresses"
          hint="One per line."
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={problems.emails}
          autoComplete="off"
          data-autofocus
        />
        <fieldset
          className="fieldset"
          aria-describedby={problems.groups ? 'invite-groups-error' : undefined}
        >
          <legend>Into groups</legend>
          <GroupChoices groups={groups} choice={choice} />
          {problems.groups ? (
            <p id="invite-groups-error" className="field-error">
              {problems.groups}
            </p>
          ) : null}
        </fieldset>
      </form>
      <ErrorMessage error={invite.error} />
    </Dialog>
  )
}
