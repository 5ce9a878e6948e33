/**
 * A copy of `services` (nested objects of methods) whose every method, when called, asks `before(operation)` for
 * the services to run it on — fresh ones per call, so concurrent calls never share per-call state — and calls the
 * same method there. `operation` is the method's path: `customers.update`, `catalog.prices.create`, `runCycle`.
 * @internal
 */
export function scopedServices<S extends object>(services: S, before: (operation: string) => S): S {
  const mirror = (node: object, path: readonly string[]): object => {
    const copy: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(node)) {
      const at = [...path, name];
      if (typeof value === 'function') {
        // every service method is async: a refusal from `before` rejects like the method would
        copy[name] = async (...args: unknown[]) => {
          let target: unknown = before(at.join('.'));
          for (const step of at.slice(0, -1)) target = (target as Record<string, unknown>)[step];
          const method = (target as Record<string, (...a: unknown[]) => unknown>)[name] as (...a: unknown[]) => unknown;
          return method.apply(target, args);
        };
      } else if (typeof value === 'object' && value !== null) {
        copy[name] = mirror(value, at);
      }
    }
    return copy;
  };
  return mirror(services, []) as S;
}
