import { AccountOverviewSchema, ProfileSchema, ProfileUpdateSchema } from '../schemas/account-views';
import { defineRoute, okJson } from './route-contract';

/** The account overview (balance, what is owed and overdue, the next invoices) and the customer's profile. */
export const accountRoutes = {
  getAccount: defineRoute({
    method: 'GET',
    path: '/account',
    tag: 'account',
    summary: 'Balance, what is owed and overdue, the next invoices',
    auth: 'session',
    permission: 'read',
    state: 'live',
    response: okJson(AccountOverviewSchema),
  }),
  getProfile: defineRoute({
    method: 'GET',
    path: '/profile',
    tag: 'profile',
    summary: 'Contact data, billing address and tax ids',
    auth: 'session',
    permission: 'read',
    state: 'live',
    response: okJson(ProfileSchema),
  }),
  updateProfile: defineRoute({
    method: 'PATCH',
    path: '/profile',
    tag: 'profile',
    summary: 'Change contact data, billing address or tax ids',
    auth: 'session',
    permission: 'manage_profile',
    state: 'live',
    body: ProfileUpdateSchema,
    changes: true,
    response: okJson(ProfileSchema),
  }),
} as const;
