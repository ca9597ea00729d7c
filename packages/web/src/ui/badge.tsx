import type { Plan } from '@gatehouse/client'
import type { ReactNode } from 'react'

/** A small label: a plan, "Built-in", "Revoked", "Impersonated". */
export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: 'neutral' | 'info' | 'success' | 'warning' | 'danger'
  children: ReactNode
  title?: string
}) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  )
}

export const PLAN_LABELS: Readonly<Record<Plan, string>> = {
  starter: 'Starter',
  pro: 'Pro',
  enterprise: 'Enterprise',
}

/** The organization's plan, as the header shows it. */
export function PlanBadge({ plan }: { plan: Plan }) {
  return (
    <Badge tone={plan === 'enterprise' ? 'info' : 'neutral'} title="Plan">
      {PLAN_LABELS[plan]}
    </Badge>
  )
}
