import type { MembersUpdated } from '@gatehouse/client'
import { formatDateTime } from '../../../format.js'
import { Button, CopyButton, Dialog } from '../../../ui/index.js'

/** The links of the invitations just made, each to copy: open while `links` is defined. */
export function InvitationLinksDialog({
  links,
  onClose,
}: {
  links: MembersUpdated['invitations'] | undefined
  onClose: () => void
}) {
  return (
    <Dialog
      open={links !== undefined}
      title="Invitation links"
      description="Send each person their link. The links are shown only this once: Gatehouse does not keep them."
      onClose={onClose}
      wide
      footer={
        <Button variant="primary" onClick={onClose} data-autofocus>
          Done
        </Button>
      }
    >
      <ul className="link-list">
        {(links ?? []).map((link) => (
          <li key={link.id}>
            <div className="link-email">
              {link.email}{' '}
              <span className="muted">(expires {formatDateTime(link.expires_at)})</span>
            </div>
            <div className="secret-row">
              <input
                className="secret-value"
                readOnly
                value={link.invite_url}
                aria-label={`Invitation link for ${link.email}`}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={link.invite_url} label={`Copy link for ${link.email}`} />
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
