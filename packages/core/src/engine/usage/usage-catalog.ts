import type { CatalogPrice, Meter } from '../../domain/catalog';
import type { StorageSession } from '../../storage/storage-adapter';
import { type Catalog, listAllById } from '../run-cycle/catalog';

/**
 * The meters and prices usage ingestion reads, kept for one ingestion: a call to `ingest` reads them once, a
 * stream once for all its batches. Catalog records are written once and never change, so what is kept stays
 * true; what is missing is read again (a meter or price created while a stream runs is found on its next batch).
 */
export class UsageCatalog {
  #meters = new Map<string, Meter>();
  #metersByEvent = new Map<string, Meter[]>();
  readonly #prices = new Map<string, CatalogPrice>();

  /** The meters counting each of `eventNames`: read from storage when one of the names has none yet. */
  async metersByEvent(session: StorageSession, eventNames: Iterable<string>): Promise<ReadonlyMap<string, Meter[]>> {
    for (const name of eventNames) {
      if (this.#metersByEvent.has(name)) continue;
      this.#meters = await listAllById((page) => session.meters.list(page));
      this.#metersByEvent = new Map();
      for (const meter of this.#meters.values()) {
        const counting = this.#metersByEvent.get(meter.eventName);
        if (counting === undefined) this.#metersByEvent.set(meter.eventName, [meter]);
        else counting.push(meter);
      }
      break;
    }
    return this.#metersByEvent;
  }

  /** Reads the prices among `priceIds` not read before (one `prices.get` each). */
  async loadPrices(session: StorageSession, priceIds: Iterable<string>): Promise<void> {
    for (const id of new Set(priceIds)) {
      if (this.#prices.has(id)) continue;
      const price = await session.prices.get(id);
      if (price !== undefined) this.#prices.set(id, price);
    }
  }

  /** What has been read, as the catalog `meteredItems` looks prices and meters up in. */
  catalog(): Catalog {
    return { products: new Map(), prices: this.#prices, meters: this.#meters, coupons: new Map(), taxRates: new Map() };
  }
}
