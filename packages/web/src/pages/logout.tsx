import { useEffect } from 'react'
import { AuthLayout } from '../layout/auth-layout.js'
import { navigate } from '../router.js'
import { useSession } from '../session.js'
import { ErrorMessage, Spinner, useAction } from '../ui/index.js'

/** /logout: ends the session, then shows the login page. */
export function LogoutPage() {
  const session = useSession()
  const { status } = session.state
  const logout = useAction(() => session.logout(), {
    errorNotice: false,
    onSuccess: () => navigate('/login', { replace: true }),
  })
  const { run } = logout
  useEffect(() => {
    if (status === 'authenticated') {
      void run()
    } else if (status === 'anonymous') {
      navigate('/login', { replace: true })
    }
  }, [status, run])
  return (
    <AuthLayout title="Log out">
      <h1>Log out</h1>
      {logout.error === undefined ? <Spinner label="Logging out…" /> : null}
      <ErrorMessage error={logout.error} />
    </AuthLayout>
  )
}
