import { expect, it } from 'vitest';
import { makeProduct } from '../builders/catalog';
import { makeCustomer } from '../builders/customer';
import { makeInvoiceLine } from '../builders/invoice';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertInvoice, insertPayment, insertSubscription } from './parents';

/** Custom fields that encodings, collations and JSON escaping get wrong. */
const UNICODE_METADATA = {
  note: 'Grüße aus Köln — 東京 🚀',
  schlüssel: 'Wert',
  '😀': 'emoji key',
  rtl: 'مرحبا بالعالم',
  combining: 'e\u0301 vs é',
  quotes: `"double" 'single' \\ backslash`,
  controls: 'line 1\nline 2\ttab',
  empty: '',
  astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
} as const;

/** Suite `metadata`: custom fields and unicode text round-trip exactly. */
export function metadataSuite(kit: KitContext): void {
  it('unicode metadata keys and values round-trip on customers, subscriptions, invoices and payments', async () => {
    const storage = kit.storage();
    const customer = makeCustomer({ metadata: { ...UNICODE_METADATA } });
    await storage.customers.insert(customer);
    expect(await storage.customers.get(customer.id)).toStrictEqual(customer);
    const subscription = await insertSubscription(storage, {
      customerId: customer.id,
      metadata: { ...UNICODE_METADATA },
    });
    expect(await storage.subscriptions.get(subscription.id)).toStrictEqual(subscription);
    const invoice = await insertInvoice(storage, { customerId: customer.id, metadata: { ...UNICODE_METADATA } });
    expect(await storage.invoices.get(invoice.id)).toStrictEqual(invoice);
    const payment = await insertPayment(storage, { customerId: customer.id, metadata: { ...UNICODE_METADATA } });
    expect(await storage.payments.get(payment.id)).toStrictEqual(payment);
  });

  it('unicode names and descriptions round-trip', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage, {
      name: 'Zoë Ångström-Øberg 李小龍 👩🏽‍💻',
      email: 'zoe@example.com',
    });
    expect((await storage.customers.get(customer.id))?.name).toBe('Zoë Ångström-Øberg 李小龍 👩🏽‍💻');
    const invoice = await insertInvoice(storage, {
      customerId: customer.id,
      lines: [makeInvoiceLine({ description: 'Überstunden – 残業 (½ day) “quoted” 🧾' })],
      notes: ['Steuerschuldnerschaft des Leistungsempfängers', '逆課税'],
    });
    expect(await storage.invoices.get(invoice.id)).toStrictEqual(invoice);
  });

  it('the largest metadata allowed (50 keys of 40 characters, values of 500) round-trips', async () => {
    const storage = kit.storage();
    const metadata: Record<string, string> = {};
    for (let index = 0; index < 50; index++) {
      metadata[`k${String(index).padStart(2, '0')}`.padEnd(40, 'é')] = `${index}`.padEnd(500, '€');
    }
    const product = makeProduct({ metadata });
    await storage.products.insert(product);
    expect(await storage.products.get(product.id)).toStrictEqual(product);
  });

  it('an update replaces metadata: removed keys are gone, empty metadata stays an empty object', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage, { metadata: { plan: 'gold', region: 'eu' } });
    await storage.customers.update({ ...customer, metadata: { plan: 'silver' }, version: 2 });
    expect((await storage.customers.get(customer.id))?.metadata).toStrictEqual({ plan: 'silver' });
    await storage.customers.update({ ...customer, metadata: {}, version: 3 });
    expect((await storage.customers.get(customer.id))?.metadata).toStrictEqual({});
  });
}
