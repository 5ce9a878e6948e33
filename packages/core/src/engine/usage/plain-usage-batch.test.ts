import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validate } from '../../errors/validate';
import { validateUsageBatch, validateUsageBatchInSlices } from './plain-usage-batch';
import { UsageBatchSchema } from './usage-event-input';

/** What `validate` does with a batch: its result, or the error it throws (code, message, path and issues). */
function outcome(check: () => unknown): unknown {
  try {
    return { ok: check() };
  } catch (error) {
    const { code, message, path, issues } = error as { code: string; message: string; path: unknown; issues: unknown };
    return { error: { code, message, path, issues } };
  }
}

const bySchema = (events: unknown) => outcome(() => validate(UsageBatchSchema, events, 'events'));
const checked = (events: unknown) => outcome(() => validateUsageBatch(events as never));

/** Strings near every rule: ids, names, reserved keys, NUL, lone surrogates, lengths at and past the limits. */
const edgyText = fc.oneof(
  fc.constantFrom('', 'a', 'evt_1', 'cus.1:x-y', 'with space', 'Ünïcode', 'a\u0000b', '\uD800', 'x\uDC00', '😀'),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'gb', 'toString'),
  fc.constantFrom('a'.repeat(100), 'a'.repeat(101), 'a'.repeat(128), 'a'.repeat(129), 'a'.repeat(200), 'a'.repeat(201)),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/),
);

const instant = fc.oneof(
  fc.date({ min: new Date('1969-12-31T00:00:00Z'), max: new Date('2200-01-02T00:00:00Z'), noInvalidDate: true }),
  fc
    .date({ min: new Date('1969-12-31T00:00:00Z'), max: new Date('2200-01-02T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString()),
  fc.constantFrom(
    '2026-02-30T00:00:00.000Z',
    '2026-01-10T00:00:00Z',
    '2026-01-10T01:00:00.000+01:00',
    '2026-01-10T00:00:00.0000Z',
    '2026-01-10',
    '2026-13-01T00:00:00.000Z',
    '1970-01-01T00:00:00.000Z',
    '2199-12-31T23:59:59.999Z',
    '2200-01-01T00:00:00.000Z',
  ),
  edgyText,
);

/** Ids at and past the longest allowed. */
const longId = fc.constantFrom('e'.repeat(128), 'e'.repeat(129));

const decimalText = fc.stringMatching(/^\d{1,3}(\.\d{1,2})?$/);

const digits = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Text of the stored form whose fields may be past the calendar: month 0 or 13, day 0 or past the month's end
 * (29 February of common and leap years, 1900 and 2000 among them), hour 24, minute or second 60.
 */
const storedFormText = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1969, max: 2200 }), fc.constantFrom(2000, 2024, 2025, 2100)),
    fc.integer({ min: 0, max: 13 }),
    fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)),
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(
    ([year, month, day, hour, minute, second, ms]) =>
      `${digits(year, 4)}-${digits(month, 2)}-${digits(day, 2)}T${digits(hour, 2)}:${digits(minute, 2)}:${digits(second, 2)}.${digits(ms, 3)}Z`,
  );

/** Instants in the stored form, in and just out of `INSTANT_RANGE`, and stored-form text past the calendar. */
const storedInstant = fc.oneof(
  fc
    .date({ min: new Date('1969-12-31T00:00:00Z'), max: new Date('2200-01-02T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString()),
  storedFormText,
);

/** An event's id and customer id as a host sends them, now and then an id at or past the longest allowed. */
const plainIds = {
  id: fc.oneof({ weight: 6, arbitrary: fc.stringMatching(/^evt_[a-z0-9]{1,10}$/) }, { weight: 1, arbitrary: longId }),
  customerId: fc.stringMatching(/^cus_[a-z0-9]{1,10}$/),
};

/** Mostly stored-form instants, now and then any other. */
const mostlyStoredInstant = fc.oneof({ weight: 4, arbitrary: storedInstant }, { weight: 1, arbitrary: instant });

const value = fc.oneof(edgyText, fc.integer(), fc.constant(undefined), fc.constant(null), fc.constant({}));

/** Events of the common plain shape, and every kind of departure from it. */
const event = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record(
      {
        id: fc.oneof(fc.stringMatching(/^evt_[a-z0-9]{1,10}$/), edgyText),
        customerId: fc.oneof(fc.stringMatching(/^cus_[a-z0-9]{1,10}$/), edgyText),
        subscriptionId: fc.oneof(fc.stringMatching(/^sub_[a-z0-9]{1,10}$/), edgyText, fc.constant(undefined)),
        eventName: fc.oneof(fc.constantFrom('data', 'calls'), edgyText),
        timestamp: fc.oneof(instant, fc.constant(undefined)),
        properties: fc.oneof(
          fc.dictionary(edgyText, fc.oneof(edgyText, fc.stringMatching(/^\d{1,3}(\.\d{1,2})?$/), value), {
            maxKeys: 3,
          }),
          fc.constant(undefined),
          value,
          fc.constant(JSON.parse('{"__proto__": "x"}')),
        ),
        extra: value,
      },
      { requiredKeys: ['id', 'customerId', 'eventName'] },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        ...plainIds,
        eventName: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom('data', 'calls') },
          { weight: 1, arbitrary: edgyText },
        ),
        timestamp: mostlyStoredInstant,
        properties: fc.oneof(
          { weight: 4, arbitrary: fc.dictionary(fc.constantFrom('gb', 'min', 'zone'), decimalText) },
          { weight: 1, arbitrary: fc.dictionary(edgyText, decimalText, { maxKeys: 2 }) },
          { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('gb', 'min'), edgyText, { maxKeys: 2 }) },
        ),
      },
      { requiredKeys: ['id', 'customerId', 'eventName'] },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        ...plainIds,
        eventName: fc.constantFrom('data', 'calls'),
        timestamp: mostlyStoredInstant,
        properties: fc.dictionary(fc.constantFrom('gb', 'min', 'zone'), fc.stringMatching(/^\d{1,3}(\.\d{1,2})?$/)),
      },
      { requiredKeys: ['id', 'customerId', 'eventName'] },
    ),
  },
  { weight: 1, arbitrary: value },
  { weight: 1, arbitrary: fc.constant(Object.create({ inherited: true })) },
);

describe('validateUsageBatch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives what validate(UsageBatchSchema) gives, result or error, for any batch (property)', () => {
    const parse = vi.spyOn(UsageBatchSchema, 'safeParse');
    let checkedAlone = 0;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 4 }), (events) => {
        parse.mockClear();
        const result = checked(events);
        if (parse.mock.calls.length === 0) checkedAlone += 1;
        expect(result).toStrictEqual(bySchema(events));
      }),
      { numRuns: 3000 },
    );
    // The runs must reach the path that decides without the schema, not only the fallback.
    expect(checkedAlone).toBeGreaterThan(300);
    // 3,000 batches through zod take seconds on a busy shared machine: beyond vitest's default 5 s, a hang only.
  }, 120_000);

  it('checks a batch of plain events without the schema, and gives the same result', () => {
    const events = [
      {
        id: 'e1',
        customerId: 'cus_1',
        eventName: 'data',
        timestamp: '2026-01-10T00:00:00.000Z',
        properties: { gb: '2' },
      },
      { id: 'e2', customerId: 'cus_1', subscriptionId: 'sub_1', eventName: 'data' },
    ];
    const expected = validate(UsageBatchSchema, events, 'events');
    const parse = vi.spyOn(UsageBatchSchema, 'safeParse');
    expect(validateUsageBatch(events)).toStrictEqual(expected);
    expect(parse).not.toHaveBeenCalled();
  });

  it('leaves a batch with one event of another shape to the schema, which names the bad field', () => {
    const events = [
      { id: 'e1', customerId: 'cus_1', eventName: 'data' },
      { id: 'e2', customerId: 'cus_1', eventName: 'data', timestamp: '2026-02-30T00:00:00.000Z' },
    ];
    const parse = vi.spyOn(UsageBatchSchema, 'safeParse');
    expect(checked(events)).toMatchObject({ error: { code: 'invalid_input', path: ['events', 1, 'timestamp'] } });
    expect(parse).toHaveBeenCalledTimes(1);
  });
});

describe('validateUsageBatchInSlices', () => {
  /** What the sliced check gives (result or error), and how many turns it took between slices. */
  async function sliced(events: unknown, slice: number) {
    let turns = 0;
    const nextTurn = async () => {
      turns += 1;
    };
    try {
      return { outcome: { ok: await validateUsageBatchInSlices(events as never, slice, nextTurn) }, turns };
    } catch (error) {
      const { code, message, path, issues } = error as { code: string; message: string; path: unknown; issues: unknown };
      return { outcome: { error: { code, message, path, issues } }, turns };
    }
  }

  it('gives what validateUsageBatch gives, result or error, for any batch and slice (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 7 }), fc.integer({ min: 1, max: 4 }), async (events, slice) => {
        expect((await sliced(events, slice)).outcome).toStrictEqual(checked(events));
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('takes a turn between slices, and leaves the whole batch to the schema for a bad event in a later slice', async () => {
    const plain = (n: number) => ({ id: `e${n}`, customerId: 'cus_1', eventName: 'data', properties: { gb: '1' } });
    const events = Array.from({ length: 7 }, (_, n) => plain(n));
    const good = await sliced(events, 3);
    expect(good.turns).toBe(2);
    expect(good.outcome).toStrictEqual({ ok: validateUsageBatch(events) });
    const bad = [...events.slice(0, 5), { ...plain(5), properties: { gb: 1 } }, plain(6)];
    const refused = await sliced(bad, 3);
    // Turns: after the first slice only, the second slice's bad event sends the batch to the schema.
    expect(refused.turns).toBe(1);
    expect(refused.outcome).toMatchObject({
      error: { code: 'invalid_input', path: ['events', 5, 'properties', 'gb'] },
    });
  });
});
