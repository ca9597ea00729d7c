import { isGatehouseApiError, type LoginInput } from '@gatehouse/client'
import { type FormEvent, useState } from 'react'
import { useClient } from '../api.js'
import { formatWait, looksLikeEmail } from '../format.js'
import { AuthLayout } from '../layout/auth-layout.js'
import { navigate, safeNext, useQueryParam } from '../router.js'
import { useSession } from '../session.js'
import { Button, ErrorMessage, Field, useAction } from '../ui/index.js'

interface LoginErrors {
  email?: string
  password?: string
}

/** What is wrong with the form before anything is sent. */
export function validateLogin(email: string, password: string): LoginErrors {
  const errors: LoginErrors = {}
  if (email.trim() === '') {
    errors.email = 'Enter your email address'
  } else if (!looksLikeEmail(email)) {
    errors.email = 'This does not look like an email address'
  }
  if (password === '') {
    errors.password = 'Enter your password'
  }
  return errors
}

/** The API's refusal, plus when to try again when logins are throttled. */
function LoginError({ error }: { error: Error | undefined }) {
  if (error === undefined) {
    return null
  }
  const wait =
    isGatehouseApiError(error, 'RATE_LIMITED') && error.retryAfterSeconds !== undefined
      ? error.retryAfterSeconds
      : undefined
  return (
    <ErrorMessage error={error}>
      {wait === undefined ? null : (
        <p>
          Too many failed attempts: logins for this account are paused for you. Try again in{' '}
          {formatWait(wait)}.
        </p>
      )}
    </ErrorMessage>
  )
}

/** Log in with email and password; then on to where the user was going. */
export function LoginPage() {
  const client = useClient()
  const session = useSession()
  const next = useQueryParam('next')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<LoginErrors>({})
  const login = useAction((body: LoginInput) => client.auth.login(body), {
    errorNotice: false,
    onSuccess: (info) => {
      session.signedIn(info)
      navigate(safeNext(next), { replace: true })
    },
  })

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found = validateLogin(email, password)
    setErrors(found)
    if (Object.keys(found).length === 0) {
      void login.run({ email: email.trim(), password })
    }
  }

  return (
    <AuthLayout title="Log in">
      <h1>Log in</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
          required
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
          required
        />
        <LoginError error={login.error} />
        <Button type="submit" variant="primary" pending={login.pending}>
          Log in
        </Button>
      </form>
      <p className="muted">
        First run? Open the one-time setup link that <code>npm start</code> printed.
      </p>
    </AuthLayout>
  )
}
