import type { Customer, Invoice, Payment, Product, StorageSession, Subscription } from '@billfold/core';
import { makeCustomer } from '../builders/customer';
import { makeProduct } from '../builders/catalog';
import { makeInvoice } from '../builders/invoice';
import { makePayment } from '../builders/payment';
import { makeSubscription } from '../builders/subscription';

// The kit always stores what a record refers to first, so adapters with foreign keys pass too.

/** Stores a new customer. */
export async function insertCustomer(session: StorageSession, overrides: Partial<Customer> = {}): Promise<Customer> {
  const customer = makeCustomer(overrides);
  await session.customers.insert(customer);
  return customer;
}

/** Stores a new product. */
export async function insertProduct(session: StorageSession, overrides: Partial<Product> = {}): Promise<Product> {
  const product = makeProduct(overrides);
  await session.products.insert(product);
  return product;
}

/** Stores a new subscription, and a customer for it unless `overrides.customerId` names one. */
export async function insertSubscription(
  session: StorageSession,
  overrides: Partial<Subscription> = {},
): Promise<Subscription> {
  const customerId = overrides.customerId ?? (await insertCustomer(session)).id;
  const subscription = makeSubscription({ ...overrides, customerId });
  await session.subscriptions.insert(subscription);
  return subscription;
}

/** Stores a new invoice, and a customer for it unless `overrides.customerId` names one. */
export async function insertInvoice(session: StorageSession, overrides: Partial<Invoice> = {}): Promise<Invoice> {
  const customerId = overrides.customerId ?? (await insertCustomer(session)).id;
  const invoice = makeInvoice({ ...overrides, customerId });
  await session.invoices.insert(invoice);
  return invoice;
}

/** Stores a new payment, and a customer for it unless `overrides.customerId` names one. */
export async function insertPayment(session: StorageSession, overrides: Partial<Payment> = {}): Promise<Payment> {
  const customerId = overrides.customerId ?? (await insertCustomer(session)).id;
  const payment = makePayment({ ...overrides, customerId });
  await session.payments.insert(payment);
  return payment;
}
