import { z } from 'zod';

/** The number part of an EU VAT id per country prefix (Greece is `EL`, Northern Ireland `XI`). */
const EU_VAT: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^\d[A-Z0-9+*]\d{5}[A-W][A-I]?$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/** An Australian Business Number: 11 digits whose weighted sum (first digit less one) is a multiple of 89. */
function isAbn(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  const sum = [...value].reduce(
    (total, digit, i) => total + (Number(digit) - (i === 0 ? 1 : 0)) * (weights[i] as number),
    0,
  );
  return sum % 89 === 0;
}

/** How each tax id type is checked, on the value in upper case without spaces, dots and dashes. */
const CHECKS: Readonly<Record<string, { readonly valid: (value: string) => boolean; readonly example: string }>> = {
  eu_vat: {
    valid: (value) => EU_VAT[value.slice(0, 2)]?.test(value.slice(2)) ?? false,
    example: 'DE123456789',
  },
  gb_vat: { valid: (value) => /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/.test(value), example: 'GB123456789' },
  ch_vat: { valid: (value) => /^CHE\d{9}(MWST|TVA|IVA)?$/.test(value), example: 'CHE-123.456.789 MWST' },
  no_vat: { valid: (value) => /^(NO)?\d{9}(MVA)?$/.test(value), example: '123456789MVA' },
  au_abn: { valid: isAbn, example: '51 824 753 556' },
  us_ein: { valid: (value) => /^\d{9}$/.test(value), example: '12-3456789' },
  ca_bn: { valid: (value) => /^\d{9}([A-Z]{2}\d{4})?$/.test(value), example: '123456789RT0001' },
};

/** The tax id types a customer may enter in the portal. */
export const TaxIdTypeSchema = z.enum(['eu_vat', 'gb_vat', 'ch_vat', 'no_vat', 'au_abn', 'us_ein', 'ca_bn']);

/**
 * A tax id a customer enters: its type and a value in that type's format (checked on the value in upper case
 * without spaces, dots and dashes, and stored that way: `de 123.456.789` → `DE123456789`). The format is
 * checked here; whether the registration exists (VIES, HMRC) is for the host's `verifyTaxId` hook.
 */
export const TaxIdInputSchema = z
  .strictObject({ type: TaxIdTypeSchema, value: z.string().min(2).max(40) })
  .transform((taxId) => ({ type: taxId.type, value: taxId.value.toUpperCase().replace(/[\s.-]/g, '') }))
  .superRefine((taxId, ctx) => {
    const check = CHECKS[taxId.type];
    if (check !== undefined && !check.valid(taxId.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid ${taxId.type} (e.g. ${check.example})` });
    }
  });

/** A tax id as entered, see {@link TaxIdInputSchema}. */
export type TaxIdInput = z.input<typeof TaxIdInputSchema>;
