import { readFileSync } from 'node:fs';
import type { FakeResponse } from './loopback-fake';

const scripts = new Map<string, string>();

/**
 * A fake's stand-in of its provider's browser library (`browser/<name>` in this kit), as the provider's CDN serves
 * it: read once, sent as JavaScript.
 */
export function browserScript(name: 'stripe-js.js' | 'paypal-sdk.js'): FakeResponse {
  let text = scripts.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`../browser/${name}`, import.meta.url), 'utf8');
    scripts.set(name, text);
  }
  return { status: 200, text, headers: { 'content-type': 'text/javascript; charset=utf-8' } };
}
