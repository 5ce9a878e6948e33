import { BillingErrorCode } from '@billfold/core';
import { z } from 'zod';

/**
 * The codes a portal error carries: the `BillingError` codes of the engine, and the portal's own for
 * authentication, permissions, limits and routes.
 */
export const ProblemCodeSchema = z.enum([
  ...(Object.values(BillingErrorCode) as BillingErrorCode[]),
  'unauthorized',
  'forbidden',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'not_implemented',
  'unavailable',
  'internal',
]);

/** A problem code, see {@link ProblemCodeSchema}. */
export type ProblemCode = z.infer<typeof ProblemCodeSchema>;

/** An RFC 9457 problem document (`application/problem+json`) with Billfold's `code` and the bad field's `path`. */
export const ProblemSchema = z.object({
  /** `urn:billfold:problem:<code>`. */
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** The request's id, also in the `X-Request-Id` header and the logs. */
  instance: z.string().optional(),
  code: ProblemCodeSchema,
  path: z.array(z.union([z.string(), z.number()])).optional(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});

/** A problem document, see {@link ProblemSchema}. */
export type Problem = z.infer<typeof ProblemSchema>;
