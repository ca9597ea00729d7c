import type { Plan, SetupInput } from '@gatehouse/client'
import { type FormEvent, useState } from 'react'
import { useClient } from '../api.js'
import { looksLikeEmail } from '../format.js'
import { AuthLayout } from '../layout/auth-layout.js'
import { forgetUrlSecret, navigate, urlSecret } from '../router.js'
import { useSession } from '../session.js'
import { Button, ErrorMessage, Field, SelectField, useAction } from '../ui/index.js'

export interface SetupForm {
  orgName: string
  plan: Plan
  email: string
  password: string
  confirm: string
}

type SetupErrors = Partial<Record<keyof SetupForm, string>>

/** Password rules the API enforces too (PASSWORD_TOO_SHORT / PASSWORD_TOO_LONG). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) {
    return 'Passwords must be at least 8 characters long'
  }
  if (new TextEncoder().encode(password).length > 1024) {
    return 'Passwords must be at most 1024 bytes long'
  }
  return undefined
}

/** What is wrong with the first-run form before anything is sent. */
export function validateSetup(form: SetupForm): SetupErrors {
  const errors: SetupErrors = {}
  const name = form.orgName.trim()
  if (name === '') {
    errors.orgName = 'Name the organization'
  } else if (name.length > 256) {
    errors.orgName = 'At most 256 characters'
  }
  if (!looksLikeEmail(form.email)) {
    errors.email = 'Enter a valid email address'
  }
  const weak = passwordProblem(form.password)
  if (weak !== undefined) {
    errors.password = weak
  } else if (form.confirm !== form.password) {
    errors.confirm = 'The passwords do not match'
  }
  return errors
}

const PLAN_HINTS: Readonly<Record<Plan, string>> = {
  enterprise: 'Custom permission groups and project-level group permissions.',
  pro: 'Built-in groups (Owners, Engineers, Viewers); service accounts get direct permissions.',
  starter: 'The Owners group only; service accounts get direct permissions.',
}

/** First run: the first organization and its owner, with the one-time setup token. */
export function SetupPage() {
  const client = useClient()
  const session = useSession()
  // Read once from the address bar by main.tsx, which then removed it from there.
  const [token] = useState(() => urlSecret('setup'))
  const [form, setForm] = useState<SetupForm>({
    orgName: '',
    plan: 'enterprise',
    email: '',
    password: '',
    confirm: '',
  })
  const [errors, setErrors] = useState<SetupErrors>({})
  const setup = useAction((body: SetupInput) => client.auth.setup(body), {
    errorNotice: false,
    success: 'Your organization is ready',
    onSuccess: (info) => {
      forgetUrlSecret()
      session.signedIn(info)
      const org = info.organizations[0]?.name
      navigate(
        org === undefined
          ? '/settings/members'
          : `/settings/members?org=${encodeURIComponent(org)}`,
        {
          replace: true,
        },
      )
    },
  })

  if (token === undefined) {
    return (
      <AuthLayout title="Set up">
        <h1>Set up Gatehouse</h1>
        <p>
          This page needs the one-time setup link that <code>npm start</code> prints on a fresh
          database (<code>…/setup?token=…</code>, valid for one hour). Open that link, or create the
          first organization from a shell with <code>npx gatehouse bootstrap</code>.
        </p>
        <p>
          Already set up? <a href="/login">Log in</a>.
        </p>
      </AuthLayout>
    )
  }

  const change =
    (field: keyof SetupForm) =>
    (event: { target: { value: string } }): void =>
      setForm((f) => ({ ...f, [field]: event.target.value }))

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found = validateSetup(form)
    setErrors(found)
    if (Object.keys(found).length === 0) {
      void setup.run({
        token,
        org_name: form.orgName.trim(),
        plan: form.plan,
        email: form.email.trim(),
        password: form.password,
      })
    }
  }

  return (
    <AuthLayout title="Set up">
      <h1>Set up Gatehouse</h1>
      <p className="muted">Create the first organization and its owner. This link works once.</p>
      <form onSubmit={submit} noValidate>
        <Field
          label="Organization name"
          name="org_name"
          value={form.orgName}
          onChange={change('orgName')}
          error={errors.orgName}
          maxLength={256}
          required
        />
        <SelectField
          label="Plan"
          name="plan"
          value={form.plan}
          onChange={change('plan')}
          hint={PLAN_HINTS[form.plan]}
        >
          <option value="enterprise">Enterprise</option>
          <option value="pro">Pro</option>
          <option value="starter">Starter</option>
        </SelectField>
        <Field
          label="Your email"
          type="email"
          name="email"
          autoComplete="email"
          value={form.email}
          onChange={change('email')}
          error={errors.email}
          required
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint="8 characters or more."
          value={form.password}
          onChange={change('password')}
          error={errors.password}
          required
        />
        <Field
          label="Confirm password"
          type="password"
          name="confirm"
          autoComplete="new-password"
          value={form.confirm}
          onChange={change('confirm')}
          error={errors.confirm}
          required
        />
        <ErrorMessage error={setup.error} />
        <Button type="submit" variant="primary" pending={setup.pending}>
          Create organization
        </Button>
      </form>
    </AuthLayout>
  )
}
