/**
 * Where an element's session token comes from: a token set by the host (`session`), or a `getSession` callback
 * the host implements to mint a fresh one from its backend. The callback is asked when there is no token yet and
 * again when the portal refuses the current one (401); concurrent refreshes share one call.
 */
export type GetSession = () => string | Promise<string>;

/** Keeps the current token and refreshes it through the host's callback, one refresh at a time. */
export class SessionSource {
  #token: string | undefined;
  #refreshing: Promise<string | undefined> | undefined;

  constructor(
    token: string | undefined,
    private readonly getSession: GetSession | undefined,
  ) {
    this.#token = token || undefined;
  }

  /** The token to send now, asking the host for one when there is none yet. */
  async current(): Promise<string | undefined> {
    return this.#token ?? this.refresh();
  }

  /** Whether a refused token can be replaced by asking the host again. */
  get canRefresh(): boolean {
    return this.getSession !== undefined;
  }

  /** Asks the host for a new token; `undefined` when there is no callback or it failed. */
  refresh(): Promise<string | undefined> {
    const getSession = this.getSession;
    if (getSession === undefined) return Promise.resolve(undefined);
    this.#refreshing ??= (async () => {
      try {
        const token = await getSession();
        this.#token = token || undefined;
        return this.#token;
      } catch {
        this.#token = undefined;
        return undefined;
      } finally {
        this.#refreshing = undefined;
      }
    })();
    return this.#refreshing;
  }
}
