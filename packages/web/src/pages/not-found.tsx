import { AuthLayout } from '../layout/auth-layout.js'
import { HOME, Link } from '../router.js'

/** A path the UI does not know. */
export function NotFoundPage() {
  return (
    <AuthLayout title="Not found">
      <h1>There is no such page</h1>
      <p>
        <Link to={HOME}>Go to the Settings</Link>
      </p>
    </AuthLayout>
  )
}
