import type { InvitationPreview } from '@gatehouse/client'
import { type FormEvent, useCallback, useState } from 'react'
import { useClient } from '../api.js'
import { formatDateTime } from '../format.js'
import { AuthLayout } from '../layout/auth-layout.js'
import { forgetUrlSecret, navigate, urlSecret } from '../router.js'
import { useSession } from '../session.js'
import { Button, ErrorMessage, Field, Loaded, useAction, useLoad } from '../ui/index.js'
import { passwordProblem } from './setup.js'

function settingsOf(orgName: string): string {
  return `/settings/members?org=${encodeURIComponent(orgName)}`
}

/** A new account: choose a password, accept, and log in with it. */
function NewAccount({ token, preview }: { token: string; preview: InvitationPreview }) {
  const client = useClient()
  const session = useSession()
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({})
  const accept = useAction(
    async () => {
      await client.invitations.accept({ token, password })
      return client.auth.login({ email: preview.email, password })
    },
    {
      errorNotice: false,
      success: `Welcome to ${preview.org_name}`,
      onSuccess: (info) => {
        forgetUrlSecret()
        session.signedIn(info)
        navigate(settingsOf(preview.org_name), { replace: true })
      },
    },
  )
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const weak = passwordProblem(password)
    const found =
      weak !== undefined
        ? { password: weak }
        : password !== confirm
          ? { confirm: 'The passwords do not match' }
          : {}
    setErrors(found)
    if (Object.keys(found).length === 0) {
      void accept.run()
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <input type="hidden" name="username" autoComplete="username" value={preview.email} />
      <Field
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        hint="8 characters or more."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
        required
      />
      <Field
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors.confirm}
        required
      />
      <ErrorMessage error={accept.error} />
      <Button type="submit" variant="primary" pending={accept.pending}>
        Create account and join
      </Button>
    </form>
  )
}

/** An existing account: join in its session, or log in as it first. */
function ExistingAccount({ token, preview }: { token: string; preview: InvitationPreview }) {
  const client = useClient()
  const session = useSession()
  const [password, setPassword] = useState('')
  const [passwordError, setPasswordError] = useState<string | undefined>(undefined)
  const me = session.info?.user.email
  const isInvitee = me !== undefined && me.toLowerCase() === preview.email.toLowerCase()
  const join = useAction(
    async (loginFirst: boolean) => {
      if (loginFirst) {
        session.signedIn(await client.auth.login({ email: preview.email, password }))
      }
      await client.invitations.accept({ token })
      return client.auth.session()
    },
    {
      errorNotice: false,
      success: `You joined ${preview.org_name}`,
      onSuccess: (info) => {
        forgetUrlSecret()
        session.signedIn(info)
        navigate(settingsOf(preview.org_name), { replace: true })
      },
    },
  )
  const switchAccount = useAction(() => session.logout(), { errorNotice: true })

  if (isInvitee) {
    return (
      <div className="stack">
        <p>
          You are logged in as <strong>{me}</strong>.
        </p>
        <ErrorMessage error={join.error} />
        <Button variant="primary" pending={join.pending} onClick={() => join.run(false)}>
          Join with this account
        </Button>
      </div>
    )
  }
  if (me !== undefined) {
    return (
      <div className="stack">
        <p>
          You are logged in as <strong>{me}</strong>, but this invitation is for{' '}
          <strong>{preview.email}</strong>. Log out, then log in as {preview.email} to accept it.
        </p>
        <Button pending={switchAccount.pending} onClick={() => switchAccount.run()}>
          Log out
        </Button>
      </div>
    )
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const missing = password === '' ? 'Enter your password' : undefined
    setPasswordError(missing)
    if (missing === undefined) {
      void join.run(true)
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>Log in as {preview.email} to accept.</p>
      <Field label="Email" type="email" autoComplete="username" value={preview.email} readOnly />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={passwordError}
        required
      />
      <ErrorMessage error={join.error} />
      <Button type="submit" variant="primary" pending={join.pending}>
        Log in and join
      </Button>
    </form>
  )
}

/** /invite/{token}: what the invitation is for, and how to accept it. */
export function InvitePage() {
  const client = useClient()
  // Read once from the address bar by main.tsx, which then removed it from there.
  const [token] = useState(() => urlSecret('invite'))
  const preview = useLoad(
    useCallback(
      () =>
        token === undefined
          ? Promise.reject(new Error('No invitation here'))
          : client.invitations.preview(token),
      [client, token],
    ),
  )

  if (token === undefined) {
    return (
      <AuthLayout title="Invitation">
        <h1>Join an organization</h1>
        <p>
          Open the invitation link you were sent again: this page takes the invitation from the
          link, and the link works until the invitation expires.
        </p>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout title="Invitation">
      <h1>Join an organization</h1>
      <Loaded state={preview} label="Checking your invitation…">
        {(p) => (
          <>
            <p>
              You are invited to <strong>{p.org_name}</strong> as <strong>{p.email}</strong>. The
              invitation expires {formatDateTime(p.expires_at)}.
            </p>
            {p.account_exists ? (
              <ExistingAccount token={token} preview={p} />
            ) : (
              <NewAccount token={token} preview={p} />
            )}
          </>
        )}
      </Loaded>
    </AuthLayout>
  )
}
