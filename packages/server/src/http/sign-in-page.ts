/**
 * The hosted sign-in page an e-mailed magic link opens (`…/sign-in#token=…`; the fragment never reaches a
 * server or a log). Its script spends the token for a session, keeps the session in `sessionStorage` (no
 * cookie), and lists the account's open amount and invoices with their downloads. A session token can be
 * pasted instead (the `billfold portal` demo prints some). Plain HTML and one nonce'd script: the portal's CSP
 * allows nothing else.
 */
export function signInPage(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Billing portal</title>
<style nonce="${nonce}">body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #ddd}
button{margin-right:.3rem}textarea{width:100%}.error{color:#a00}</style></head>
<body><main><h1>Billing portal</h1>
<p id="status">Signing in…</p>
<form id="paste" hidden><label for="token">Session token</label><textarea id="token" rows="3"></textarea>
<button type="submit">Sign in</button></form>
<section id="account" hidden><h2>Account</h2><p id="due"></p><h2>Invoices</h2>
<table><thead><tr><th>Number</th><th>Status</th><th>Total</th><th>Due</th><th>Download</th></tr></thead><tbody id="invoices"></tbody></table>
<p><button id="signout" type="button">Sign out</button></p></section></main>
<script nonce="${nonce}">
const $ = (id) => document.getElementById(id);
const say = (text, error) => { $('status').textContent = text; $('status').className = error ? 'error' : ''; };
const api = async (path, init = {}) => {
  const token = sessionStorage.getItem('billfold.portal.token');
  const response = await fetch(path, { ...init, headers: { ...(init.headers || {}), authorization: 'Bearer ' + token } });
  if (!response.ok) throw new Error((await response.json().catch(() => ({}))).detail || response.statusText);
  return response;
};
const download = async (invoice, format) => {
  const response = await api('invoices/' + encodeURIComponent(invoice.id) + '/documents/' + format);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '')?.[1] || invoice.id;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
};
const show = async () => {
  const account = await (await api('account')).json();
  $('due').textContent = 'Owed: ' + (account.amountDue.map((d) => d.amount + ' ' + d.currency).join(', ') || 'nothing') +
    (account.overdueSince ? ' (overdue since ' + account.overdueSince.slice(0, 10) + ')' : '');
  const page = await (await api('invoices?limit=100')).json();
  $('invoices').replaceChildren(...page.items.map((invoice) => {
    const row = document.createElement('tr');
    for (const text of [invoice.number, invoice.status, invoice.total + ' ' + invoice.currency, (invoice.dueAt || '').slice(0, 10)]) {
      const cell = document.createElement('td'); cell.textContent = text; row.append(cell);
    }
    const cell = document.createElement('td');
    for (const format of ['pdf', 'html', 'csv', 'ubl']) {
      const button = document.createElement('button'); button.type = 'button'; button.textContent = format.toUpperCase();
      button.addEventListener('click', () => download(invoice, format).catch((e) => say(e.message, true)));
      cell.append(button);
    }
    row.append(cell);
    return row;
  }));
  $('account').hidden = false; $('paste').hidden = true; say('Signed in as ' + account.customer.name);
};
$('paste').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem('billfold.portal.token', $('token').value.trim());
  show().catch((e) => say(e.message, true));
});
$('signout').addEventListener('click', async () => {
  await api('session', { method: 'DELETE' }).catch(() => {});
  sessionStorage.removeItem('billfold.portal.token'); location.reload();
});
(async () => {
  const link = new URLSearchParams(location.hash.slice(1)).get('token');
  history.replaceState(null, '', location.pathname);
  if (link) {
    const response = await fetch('auth/magic-link', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link }) });
    if (!response.ok) { say('This sign-in link is invalid, expired or already used.', true); $('paste').hidden = false; return; }
    sessionStorage.setItem('billfold.portal.token', (await response.json()).token);
  }
  if (!sessionStorage.getItem('billfold.portal.token')) { say('Paste a session token to sign in.'); $('paste').hidden = false; return; }
  await show();
})().catch((e) => { say(e.message, true); $('paste').hidden = false; });
</script></body></html>`;
}
