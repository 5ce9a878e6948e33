import { describe, expect, it } from 'vitest';
import { createEngineFixture, rejection, storageDump } from '../test-fixture';

describe('rules that keep invoices representable', () => {
  it('refuses a reverse-charge customer without a VAT id, on create and on update, changing nothing', async () => {
    const { billing, customer, storage } = await createEngineFixture();
    const before = await storageDump(storage);
    const base = {
      name: 'Łódź Logistics',
      email: 'ap@lodz.example',
      currency: 'EUR',
      taxStatus: 'reverse_charge',
    } as const;
    expect(await rejection(billing.customers.create(base))).toMatchObject({
      code: 'invalid_input',
      path: ['input', 'taxIds'],
    });
    const regon = [{ type: 'pl_regon', value: '012345678' }];
    expect(await rejection(billing.customers.create({ ...base, taxIds: regon }))).toMatchObject({
      path: ['input', 'taxIds'],
    });
    expect(await storageDump(storage)).toEqual(before);
    const plain = await billing.customers.create({ name: 'Kowalski', email: 'jan@example.pl', currency: 'EUR' });
    const afterCreate = await storageDump(storage);
    expect(await rejection(billing.customers.update(plain.id, { taxStatus: 'reverse_charge' }))).toMatchObject({
      code: 'invalid_input',
      path: ['changes', 'taxStatus'],
    });
    expect(await storageDump(storage)).toEqual(afterCreate);
    // The fixture's customer has an EU VAT id: reverse charge is fine, and then its VAT id cannot be dropped.
    await billing.customers.update(customer.id, { taxStatus: 'reverse_charge' });
    expect(await rejection(billing.customers.update(customer.id, { taxIds: regon }))).toMatchObject({
      code: 'invalid_input',
      path: ['changes', 'taxIds'],
    });
    const lodz = await billing.customers.create({ ...base, taxIds: [{ type: 'eu_vat', value: 'PL5260250274' }] });
    expect(lodz.taxStatus).toBe('reverse_charge');
  });

  it('refuses names and descriptions that would print as nothing', async () => {
    const { billing, customer } = await createEngineFixture();
    const blank = ' \u200B\t\u00A0';
    expect(
      await rejection(billing.customers.create({ name: blank, email: 'x@example.com', currency: 'EUR' })),
    ).toMatchObject({ code: 'invalid_input', path: ['input', 'name'] });
    expect(await rejection(billing.customers.update(customer.id, { name: '\n\r' }))).toMatchObject({
      path: ['changes', 'name'],
    });
    expect(
      await rejection(billing.catalog.products.create({ name: '\u2066\u2069', billingCode: 'X', category: 'c' })),
    ).toMatchObject({ path: ['input', 'name'] });
    expect(
      await rejection(
        billing.invoices.createOneOff({ customerId: customer.id, lines: [{ description: '   ', amount: '1.00' }] }),
      ),
    ).toMatchObject({ path: ['input', 'lines', 0, 'description'] });
    expect(
      await rejection(billing.catalog.taxRates.create({ name: '\u0007', percentage: '7', inclusive: false })),
    ).toMatchObject({ path: ['input', 'name'] });
    // Any visible character will do: a digit, a symbol, a name in any script.
    expect((await billing.customers.update(customer.id, { name: '株式会社 ☕' })).name).toBe('株式会社 ☕');
  });

  it('stores a tax rate’s VAT category and exemption, and refuses ones that contradict its percentage', async () => {
    const { billing } = await createEngineFixture();
    const exempt = await billing.catalog.taxRates.create({
      name: 'Medical care',
      percentage: '0',
      inclusive: false,
      category: 'E',
      exemption: { code: 'VATEX-EU-132-1C', reason: 'Medical care (art. 132(1)(c))' },
    });
    expect(exempt).toMatchObject({ category: 'E', exemption: { code: 'VATEX-EU-132-1C' } });
    expect(
      await rejection(
        billing.catalog.taxRates.create({ name: 'x', percentage: '19', inclusive: false, category: 'E' }),
      ),
    ).toMatchObject({ code: 'invalid_input', path: ['input', 'percentage'] });
    expect(
      await rejection(
        billing.catalog.taxRates.create({
          name: 'x',
          percentage: '19',
          inclusive: false,
          exemption: { reason: 'none' },
        }),
      ),
    ).toMatchObject({ path: ['input', 'exemption'] });
    expect(
      await rejection(
        billing.catalog.taxRates.create({
          name: 'x',
          percentage: '0',
          inclusive: false,
          exemption: { code: 'EXEMPT' },
        }),
      ),
    ).toMatchObject({ path: ['input', 'exemption', 'code'] });
    const sales = await billing.catalog.taxRates.create({
      name: 'NY State',
      percentage: '4',
      inclusive: false,
      taxType: 'sales_tax',
    });
    expect(sales.taxType).toBe('sales_tax');
  });
});
