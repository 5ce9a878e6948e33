/** What became of one webhook delivery: the endpoint's status, or `unreachable`. */
export interface WebhookDeliveryResult {
  readonly eventId: string;
  readonly eventType: string;
  readonly status: number | 'unreachable';
}

/**
 * A fake's webhook deliveries to one endpoint, as a provider makes them: each event POSTed once it is emitted, signed
 * at the time of delivery, one after another (in emission order). Not retried: a test asserts every answer was 2xx.
 */
export class WebhookDeliveries {
  readonly results: WebhookDeliveryResult[] = [];
  #queue: Promise<void> = Promise.resolve();

  /**
   * @param url The endpoint.
   * @param sign The delivery of an event: its body and headers (with the provider's signature).
   */
  constructor(
    readonly url: string,
    readonly sign: (event: Record<string, unknown>) => { body: string; headers: Record<string, string> },
  ) {}

  /** Queues the delivery of `event`. */
  deliver(event: Record<string, unknown>): void {
    this.#queue = this.#queue.then(async () => {
      const { body, headers } = this.sign(event);
      const eventId = String(event.id);
      const eventType = String(event.type ?? event.event_type);
      try {
        const response = await fetch(this.url, { method: 'POST', headers, body });
        await response.arrayBuffer();
        this.results.push({ eventId, eventType, status: response.status });
      } catch {
        this.results.push({ eventId, eventType, status: 'unreachable' });
      }
    });
  }

  /** Resolves once every delivery queued so far has been answered. */
  settled(): Promise<void> {
    return this.#queue;
  }
}
