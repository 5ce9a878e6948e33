/**
 * `billfold/demo`: the demo's records behind a customer portal, for example hosts in this repository
 * (examples/portal-host) that mount the portal next to their own pages.
 * @module
 */
export type { Progress } from '../progress';
export { createDemoPortal } from './demo-portal';
export type { DemoPortalParts, DemoPortalSettings } from './demo-portal';
