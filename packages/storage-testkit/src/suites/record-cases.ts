import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import type { KitContext } from '../kit-context';
import type { RecordKind, VersionedRecordKind } from './record-kinds';

/** Scribbles on a record's own fields and on its nested objects and arrays. */
function scribble(record: object): void {
  const fields = record as Record<string, unknown>;
  for (const value of Object.values(fields)) {
    if (Array.isArray(value)) value.push('scribbled');
    else if (typeof value === 'object' && value !== null) (value as Record<string, unknown>).scribbled = 'yes';
  }
  fields.scribbled = 'yes';
}

/** The tests every repository passes: insert, get, unique id, copies, ascending list. */
export function recordCases<T extends { readonly id: string }>(kit: KitContext, kind: RecordKind<T>): void {
  const { entity } = kind;

  it(`insert then get returns an equal ${entity}, field for field`, async () => {
    const storage = kit.storage();
    const record = await kind.build(storage);
    await kind.repository(storage).insert(record);
    expect(await kind.repository(storage).get(record.id)).toStrictEqual(record);
  });

  it(`get of an unknown id returns undefined`, async () => {
    const storage = kit.storage();
    await kind.repository(storage).insert(await kind.build(storage));
    expect(await kind.repository(storage).get('kit_no_such_id')).toBeUndefined();
  });

  it(`insert of an existing id throws conflict and keeps the stored ${entity}`, async () => {
    const storage = kit.storage();
    const record = await kind.build(storage);
    await kind.repository(storage).insert(record);
    await expectBillingError(kind.repository(storage).insert(kind.change(record)), 'conflict');
    expect(await kind.repository(storage).get(record.id)).toStrictEqual(record);
  });

  it(`hands out copies: changing an inserted or returned ${entity} changes nothing stored`, async () => {
    const storage = kit.storage();
    const record = await kind.build(storage);
    const original = structuredClone(record);
    await kind.repository(storage).insert(record);
    scribble(record);
    const first = (await kind.repository(storage).get(original.id)) as T;
    expect(first).toStrictEqual(original);
    scribble(first);
    expect(await kind.repository(storage).get(original.id)).toStrictEqual(original);
  });

  it(`list returns ${entity} records in ascending id order, equal field for field`, async () => {
    const storage = kit.storage();
    const first = await kind.build(storage, { id: 'kit_list_b' } as Partial<T>);
    const filter = kind.listFilter?.(first) ?? {};
    const others = [
      await kind.build(storage, { ...filter, id: 'kit_list_c' } as Partial<T>),
      await kind.build(storage, { ...filter, id: 'kit_list_a' } as Partial<T>),
    ];
    for (const record of [first, ...others]) await kind.repository(storage).insert(record);
    const page = await kind.repository(storage).list({ ...filter, limit: 10 });
    expect(idsOf(page)).toEqual(['kit_list_a', 'kit_list_b', 'kit_list_c']);
    expect(page.items[1]).toStrictEqual(first);
    expect(page.nextCursor).toBeUndefined();
  });
}

/** The optimistic-locking tests of a versioned repository. */
export function versionedCases<T extends { readonly id: string; readonly version: number }>(
  kit: KitContext,
  kind: VersionedRecordKind<T>,
): void {
  const { entity } = kind;

  it(`update with version + 1 replaces the ${entity}`, async () => {
    const storage = kit.storage();
    const record = await kind.build(storage);
    await kind.repository(storage).insert(record);
    const next = { ...kind.change(record), version: record.version + 1 };
    await kind.repository(storage).update(next);
    expect(await kind.repository(storage).get(record.id)).toStrictEqual(next);
    const third = { ...record, version: record.version + 2 };
    await kind.repository(storage).update(third);
    expect(await kind.repository(storage).get(record.id)).toStrictEqual(third);
  });

  it(`update from a stale version throws conflict and keeps the stored ${entity}`, async () => {
    const storage = kit.storage();
    const record = await kind.build(storage);
    await kind.repository(storage).insert(record);
    const next = { ...record, version: record.version + 1 };
    await kind.repository(storage).update(next);
    await expectBillingError(
      kind.repository(storage).update({ ...kind.change(record), version: record.version + 1 }),
      'conflict',
    );
    expect(await kind.repository(storage).get(record.id)).toStrictEqual(next);
  });

  it(`update that skips a version (or repeats the stored one) throws conflict`, async () => {
    const storage = kit.storage();
    const record = await kind.build(storage);
    await kind.repository(storage).insert(record);
    await expectBillingError(kind.repository(storage).update({ ...record, version: record.version + 2 }), 'conflict');
    await expectBillingError(kind.repository(storage).update(kind.change(record)), 'conflict');
    expect(await kind.repository(storage).get(record.id)).toStrictEqual(record);
  });

  it(`update of an unknown id throws not_found and stores nothing`, async () => {
    const storage = kit.storage();
    const record = await kind.build(storage);
    await expectBillingError(kind.repository(storage).update({ ...record, version: record.version + 1 }), 'not_found');
    expect(await kind.repository(storage).get(record.id)).toBeUndefined();
  });
}
