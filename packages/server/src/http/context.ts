import type { Actor, Deps, Session } from '@gatehouse/core'
import { AppError } from '@gatehouse/core'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config.js'
import type { Services } from './services.js'

export interface AppVariables {
  requestId: string
  services: Services
  log: Logger
  /** Set when the request carried a valid credential (after impersonation, the subject). */
  actor: Actor | undefined
  /** Set when the credential was a browser session. */
  session: Session | undefined
  /** The client address as the server sees it (never logged with a credential). */
  clientIp: string | null
}

export interface AppEnv {
  Variables: AppVariables
}

export type App = OpenAPIHono<AppEnv>
export type AppContext = Context<AppEnv>

/** The authenticated caller. @throws UNAUTHENTICATED when the request carried no credential */
export function actorOf(c: AppContext): Actor {
  const actor = c.get('actor')
  if (actor === undefined) {
    throw new AppError('UNAUTHENTICATED')
  }
  return actor
}

export function depsOf(c: AppContext): Deps {
  return c.get('services').deps
}

export function configOf(c: AppContext): ServerConfig {
  return c.get('services').config
}
