import { z } from 'zod';
import { HealthSchema, MagicLinkRedeemSchema, SessionInfoSchema, SessionTokenSchema } from '../schemas/account-views';
import { defineRoute, okJson } from './route-contract';

/** The operations routes (liveness, readiness, the OpenAPI document), magic-link sign-in and the session itself. */
export const sessionRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    tag: 'operations',
    summary: 'Liveness: the process answers',
    auth: 'none',
    state: 'live',
    response: okJson(HealthSchema),
  }),
  ready: defineRoute({
    method: 'GET',
    path: '/ready',
    tag: 'operations',
    summary: 'Readiness: storage answers (503 when not)',
    auth: 'none',
    state: 'live',
    response: okJson(HealthSchema),
  }),
  openapi: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    tag: 'operations',
    summary: 'This API as an OpenAPI 3.1 document',
    auth: 'none',
    state: 'live',
    response: okJson(z.record(z.string(), z.unknown())),
  }),
  signInPage: defineRoute({
    method: 'GET',
    path: '/sign-in',
    tag: 'session',
    summary: 'The hosted page an e-mailed magic link opens',
    auth: 'none',
    state: 'live',
    response: { kind: 'html' },
  }),
  redeemMagicLink: defineRoute({
    method: 'POST',
    path: '/auth/magic-link',
    tag: 'session',
    summary: 'Spend a magic-link token for a session token',
    auth: 'none',
    state: 'live',
    body: MagicLinkRedeemSchema,
    response: okJson(SessionTokenSchema),
    changes: true,
  }),
  getSession: defineRoute({
    method: 'GET',
    path: '/session',
    tag: 'session',
    summary: 'Who is signed in and what the session may do',
    auth: 'session',
    state: 'live',
    response: okJson(SessionInfoSchema),
  }),
  endSession: defineRoute({
    method: 'DELETE',
    path: '/session',
    tag: 'session',
    summary: 'Sign out: revoke this session token',
    auth: 'session',
    state: 'live',
    response: { kind: 'empty' },
    changes: true,
  }),
} as const;
