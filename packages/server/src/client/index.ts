/**
 * `@billfold/server/client`: a typed client of the portal API for browsers and Node. Its types come from the
 * server's route table through type-only imports, so a bundle holds only a small `fetch` wrapper.
 * @module
 */
export { createPortalClient, PortalClientError } from './portal-client';
export type { PortalClient, PortalClientOptions, PortalPath, PortalReply, PortalRequest } from './portal-client';
export type { Problem, ProblemCode } from '../schemas/problem';
