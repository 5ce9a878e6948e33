import type { InvoiceLineResult } from '../../invoice/invoice-result';
import { rescale } from '../../money/fixed';
import { money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import { taxLines } from '../../tax/invoice-tax';
import type { TaxRate } from '../../tax/tax-rate';

/** An invoice's taxes, each rate rounded once over all of its lines. @internal */
export interface TaxRoundedOnce {
  readonly lines: InvoiceLineResult[];
  readonly taxes: { rateId: string; taxableAmount: string; amount: string }[];
  readonly taxTotal: string;
  /** Σ line net amounts + tax: the total before cash rounding. */
  readonly total: string;
}

/**
 * Re-taxes calculated lines that charge and credit (a plan change invoiced at once: the credits were calculated
 * apart, as their discounts differ) so that each rate's tax is rounded once over all of them, credits included,
 * then spread back over the lines by largest remainder (each line at its own rates, `lineRates[l]`): per-invoice rounding on the whole invoice, the VAT of each
 * rate being its taxable amount × rate (EN 16931 BR-S-09). Line amounts after discount stay as they are: for
 * inclusive rates the gross, so only the split into net and tax moves.
 * @internal
 */
export function roundTaxOnce(
  lines: readonly InvoiceLineResult[],
  lineRates: readonly (readonly TaxRate[])[],
  currency: string,
  mode: RoundingMode,
): TaxRoundedOnce {
  const unit = money('0', currency);
  const scale = unit.minorUnits;
  const units = (amount: string) => rescale(money(amount, currency).fixed, scale);
  const at = (value: bigint) => unit.with({ units: value, scale }).toString();
  // What each line's taxes apply to after its discount: its net, or its gross for inclusive rates.
  const amounts = lines.map((line, l) => {
    const inclusive = lineRates[l]?.[0]?.inclusive === true;
    return line.taxes.reduce((sum, tax) => (inclusive ? sum + units(tax.amount) : sum), units(line.taxableAmount));
  });
  const rateLists = lines.map((line, l) => (line.taxes.length > 0 ? lineRates[l] : undefined));
  const taxed = taxLines(amounts, rateLists, 'invoice', mode, unit, []);
  let total = 0n;
  const rebuilt = lines.map((line, l) => {
    const lineTaxes = taxed.lineTaxes[l] as readonly bigint[];
    const net = taxed.lineNet[l] as bigint;
    total += net + lineTaxes.reduce((sum, tax) => sum + tax, 0n);
    return {
      ...line,
      taxableAmount: at(net),
      taxes: line.taxes.map((tax, i) => ({ rateId: tax.rateId, amount: at(lineTaxes[i] as bigint) })),
    };
  });
  const taxTotal = taxed.rateTaxes.reduce((sum, tax) => sum + tax, 0n);
  return {
    lines: rebuilt,
    taxes: taxed.rates.map((rate, k) => ({
      rateId: rate.id,
      taxableAmount: at(taxed.rateBases[k] as bigint),
      amount: at(taxed.rateTaxes[k] as bigint),
    })),
    taxTotal: at(taxTotal),
    total: at(total),
  };
}
