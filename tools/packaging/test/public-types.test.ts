import { describe, expect, it } from 'vitest';
import { unexportedPublicTypes } from '../src/public-types';
import { publishablePackages } from '../src/workspace';

/** Each entry point's TypeScript source, from the `@billfold/source` condition of its `exports` entry. */
function entrySources(exportsMap: unknown): string[] {
  return Object.values((exportsMap ?? {}) as Record<string, unknown>)
    .map((target) =>
      typeof target === 'object' && target !== null
        ? (target as Record<string, string>)['@billfold/source']
        : undefined,
    )
    .filter((source): source is string => source !== undefined);
}

const libraries = publishablePackages().filter((pkg) => entrySources(pkg.manifest.exports).length > 0);

describe('types named by a public signature', () => {
  it.each(libraries.map((pkg) => [pkg.manifest.name, pkg] as const))(
    '%s exports every one by name from the entry point that uses it',
    (_name, pkg) => {
      expect(unexportedPublicTypes(pkg.dir, entrySources(pkg.manifest.exports))).toEqual([]);
    },
  );

  it('are found through services, results and generics (CreateSubscriptionInput behind Billing.subscriptions)', () => {
    // The check itself, on core's internal engine barrel, which does not re-export the subscription inputs
    // (as core's index did not before they were added to it).
    const core = libraries.find((pkg) => pkg.manifest.name === '@billfold/core');
    expect(core).toBeDefined();
    const found = unexportedPublicTypes(core?.dir ?? '', ['src/engine/index.ts']);
    expect(found).toContainEqual({
      entry: 'src/engine/index.ts',
      name: 'CreateSubscriptionInput',
      declaredIn: 'src/engine/subscriptions/subscription-input.ts',
      via: 'SubscriptionService',
    });
  });
});
