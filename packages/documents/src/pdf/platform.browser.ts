import { BillingError, BillingErrorCode } from '@billfold/core';
import type { FontSources } from './font-sources';

/**
 * Browsers have no default font files: the caller passes them (`fonts: { regular, bold }`).
 * @internal
 */
export function defaultFontSources(): FontSources {
  throw new BillingError(
    BillingErrorCode.invalidInput,
    'PDF rendering outside Node needs font bytes: pass fonts: { regular, bold } (TrueType files, e.g. Noto Sans)',
    { path: ['options', 'fonts'] },
  );
}

/** No native deflate here: pdf-lib compresses streams itself. @internal */
export const deflate: ((data: Uint8Array) => Uint8Array) | undefined = undefined;
