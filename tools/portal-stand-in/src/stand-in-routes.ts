import { readFileSync } from 'node:fs';
import type { StandInProvider } from './stand-in-provider';

const script = (name: string) => readFileSync(new URL(`../scripts/${name}`, import.meta.url), 'utf8');

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function bodyOf(request: Request): Promise<Record<string, unknown>> {
  return ((await request.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
}

/** The approval page a PayPal redirect lands on (the fallback when the buttons cannot load). */
function approvalPage(orderId: string, back: string): string {
  const safe = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PayPal (stand-in)</title></head>
<body><main><h1>PayPal (stand-in)</h1><p>Approve order ${safe(orderId)}?</p>
<form method="post" action="/stand-in/paypal/approve-form"><input type="hidden" name="orderId" value="${safe(orderId)}">
<input type="hidden" name="return" value="${safe(back)}"><button>Approve</button></form></main></body></html>`;
}

/**
 * The stand-in providers' HTTP side under `/stand-in/`: the two scripts (`stripe.js`, `paypal-sdk.js`) and the
 * calls they make (`stripe/confirm`, `stripe/authenticate`, `paypal/approve`), plus PayPal's approval page for
 * redirects. Answers `undefined` for any other path so a server can fall through to its other routes.
 */
export function createStandInRoutes(provider: StandInProvider): (request: Request) => Promise<Response | undefined> {
  const scripts = { 'stripe.js': script('stripe.js'), 'paypal-sdk.js': script('paypal-sdk.js') };
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?\/stand-in\//, '');
    if (!url.pathname.includes('/stand-in/')) return undefined;
    if (request.method === 'GET' && (path === 'stripe.js' || path === 'paypal-sdk.js')) {
      return new Response(scripts[path], { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    }
    if (request.method === 'GET' && (path === 'paypal/checkoutnow' || path === 'paypal/vault')) {
      const page = approvalPage(url.searchParams.get('token') ?? '', url.searchParams.get('return') ?? '/');
      return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    if (request.method !== 'POST') return undefined;
    if (path === 'paypal/approve-form') {
      const form = await request.formData();
      provider.approveOrder(String(form.get('orderId')));
      const back = new URL(String(form.get('return') ?? '/'), url);
      back.searchParams.set('token', String(form.get('orderId')));
      return new Response(null, { status: 303, headers: { location: back.origin === url.origin ? back.href : '/' } });
    }
    const body = await bodyOf(request);
    switch (path) {
      case 'stripe/confirm':
        return json(provider.confirmIntent(String(body.clientSecret), String(body.card ?? '')));
      case 'stripe/authenticate':
        return json(provider.authenticate(String(body.clientSecret), body.approved === true));
      case 'paypal/approve':
        return json({ approved: provider.approveOrder(String(body.orderId)) });
      default:
        return undefined;
    }
  };
}
