import { z } from 'zod';

/**
 * The wording of the invoice lines the engine writes itself, as templates with `{placeholders}`. Product and meter
 * names are the host's own; only the words around them come from here.
 */
export interface LineTextTemplates {
  /** An item bought more than once: `{item} × {quantity}` (the quantity written in the customer's locale). */
  readonly quantity: string;
  /** A licensed item charged for part of its period: `{item} (prorated)`. */
  readonly prorated: string;
  /** A metered item: `{product} ({meter})`; when the meter is named like the product, the product's name alone. */
  readonly usage: string;
  /** The credit for what a plan change leaves unused: `Unused time on {item}`. */
  readonly unusedTime: string;
  /** The charge for the rest of the period on the new plan: `Remaining time on {item}`. */
  readonly remainingTime: string;
  /** A pending line taken back when the subscription ends early: `Cancelled: {line}`. */
  readonly cancelled: string;
}

/** The placeholders each template must contain. */
const PLACEHOLDERS: Readonly<Record<keyof LineTextTemplates, readonly string[]>> = {
  quantity: ['item', 'quantity'],
  prorated: ['item'],
  usage: ['product', 'meter'],
  unusedTime: ['item'],
  remainingTime: ['item'],
  cancelled: ['line'],
};

/** The languages Billfold writes: English (the fallback) and German. */
const BUILT_IN: Readonly<Record<string, LineTextTemplates>> = {
  en: {
    quantity: '{item} × {quantity}',
    prorated: '{item} (prorated)',
    usage: '{product} ({meter})',
    unusedTime: 'Unused time on {item}',
    remainingTime: 'Remaining time on {item}',
    cancelled: 'Cancelled: {line}',
  },
  de: {
    quantity: '{item} × {quantity}',
    prorated: '{item} (anteilig)',
    usage: '{product} ({meter})',
    unusedTime: 'Nicht genutzte Zeit für {item}',
    remainingTime: 'Restliche Zeit für {item}',
    cancelled: 'Storniert: {line}',
  },
};

const template = (name: keyof LineTextTemplates) =>
  z
    .string()
    .min(1)
    .max(200)
    .refine((text) => PLACEHOLDERS[name].every((placeholder) => text.includes(`{${placeholder}}`)), {
      message: `must contain ${PLACEHOLDERS[name].map((p) => `{${p}}`).join(' and ')}`,
    });

/**
 * Line wording a host adds or overrides, by language tag (`fr`, `de-CH`): any of the {@link LineTextTemplates},
 * each with its placeholders. A customer's locale picks its own tag, then its language, then English.
 */
export const LineTextsInputSchema = z.record(
  z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a lower-case language tag such as "fr" or "de-ch"'),
  z.strictObject({
    quantity: template('quantity').optional(),
    prorated: template('prorated').optional(),
    usage: template('usage').optional(),
    unusedTime: template('unusedTime').optional(),
    remainingTime: template('remainingTime').optional(),
    cancelled: template('cancelled').optional(),
  }),
);

/** Line wording by language tag; see {@link LineTextsInputSchema}. */
export type LineTextsInput = z.input<typeof LineTextsInputSchema>;

/** The engine's line descriptions in one customer's language. */
export interface LineTexts {
  /** The locale quantities are written in (`de-DE`). */
  readonly locale: string;
  /** `item` bought `quantity` times; `item` alone for a quantity of 1. */
  quantity(item: string, quantity: string): string;
  prorated(item: string): string;
  usage(product: string, meter: string): string;
  unusedTime(item: string): string;
  remainingTime(item: string): string;
  cancelled(line: string): string;
}

const fill = (text: string, values: Readonly<Record<string, string>>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/**
 * How `locale` writes a decimal string, every decimal kept (`"12345.5"` → `"12.345,5"` in German). Making an
 * `Intl.NumberFormat` costs far more than formatting with it: the caller keeps the function.
 */
function localDecimals(locale: string): (quantity: string) => string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
  } catch {
    // A customer's locale is free text: one Intl does not know is written the English way.
    format = new Intl.NumberFormat('en', { maximumFractionDigits: 20 });
  }
  // Intl.NumberFormat formats a numeric string exactly (no float); the cast is for older lib typings.
  return (quantity) => format.format(quantity as unknown as number);
}

/** The tags a locale is looked up under, most specific first: `de-AT` → `de-at`, `de`, then `en`. */
function lookupTags(locale: string): string[] {
  const tag = locale.toLowerCase();
  const parts = tag.split('-');
  const tags: string[] = [];
  for (let n = parts.length; n >= 1; n--) tags.push(parts.slice(0, n).join('-'));
  return [...tags, 'en'];
}

/**
 * The line wording for a customer's `locale`: for each template, the host's (`added`) or Billfold's own of the
 * locale's tag, else of its language, else English.
 * @example
 * ```ts
 * lineTexts('de-DE').unusedTime(lineTexts('de-DE').quantity('Team', '5')); // "Nicht genutzte Zeit für Team × 5"
 * lineTexts('fr-FR', { fr: { prorated: '{item} (au prorata)' } }).prorated('Fibre'); // "Fibre (au prorata)"
 * ```
 */
export function lineTexts(locale: string, added: Readonly<Record<string, Partial<LineTextTemplates>>> = {}): LineTexts {
  const tags = lookupTags(locale);
  const pick = (name: keyof LineTextTemplates): string => {
    for (const tag of tags) {
      const text = added[tag]?.[name] ?? BUILT_IN[tag]?.[name];
      if (text !== undefined) return text;
    }
    return (BUILT_IN.en as LineTextTemplates)[name];
  };
  const templates = {
    quantity: pick('quantity'),
    prorated: pick('prorated'),
    usage: pick('usage'),
    unusedTime: pick('unusedTime'),
    remainingTime: pick('remainingTime'),
    cancelled: pick('cancelled'),
  };
  let localDecimal: ((quantity: string) => string) | undefined;
  return {
    locale,
    quantity: (item, quantity) => {
      if (quantity === '1') return item;
      localDecimal ??= localDecimals(locale);
      return fill(templates.quantity, { item, quantity: localDecimal(quantity) });
    },
    prorated: (item) => fill(templates.prorated, { item }),
    usage: (product, meter) =>
      product.trim().toLowerCase() === meter.trim().toLowerCase() ? product : fill(templates.usage, { product, meter }),
    unusedTime: (item) => fill(templates.unusedTime, { item }),
    remainingTime: (item) => fill(templates.remainingTime, { item }),
    cancelled: (line) => fill(templates.cancelled, { line }),
  };
}
