import { escapeHtml as e } from '@billfold/documents';
import type { EmailView } from '../email-view';
import { oneLine } from '../mail-headers';
import type { EmailCatalog, EmailParts, RenderedEmail } from './email-template';

const FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif";

function html(parts: EmailParts, view: EmailView, catalog: EmailCatalog, attached: string | undefined): string {
  const p = (text: string, style = '') => `<p style="margin:0 0 12px${style}">${e(text)}</p>`;
  const facts =
    parts.facts.length === 0
      ? ''
      : `<table role="presentation" style="border-collapse:collapse;margin:4px 0 16px">${parts.facts
          .map(
            ([label, value]) =>
              `<tr><th scope="row" style="text-align:left;font-weight:400;color:#444b53;padding:2px 16px 2px 0">${e(label)}</th><td style="padding:2px 0;font-weight:600">${e(value)}</td></tr>`,
          )
          .join('')}</table>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${e(view.locale)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(parts.subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f5f7;color:#1b1f24;${FONT};font-size:15px;line-height:1.5">`,
    '<div style="max-width:600px;margin:0 auto;padding:28px 24px;background:#ffffff">',
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3">${e(parts.heading)}</h1>`,
    p(catalog.greeting(view.customerName)),
    ...parts.paragraphs.map((paragraph) => p(paragraph)),
    facts,
    attached === undefined ? '' : p(attached, ';color:#444b53'),
    `<p style="margin:16px 0 0">${e(catalog.signOff)}<br>${e(view.sellerName)}</p>`,
    `<p style="margin:24px 0 0;padding-top:12px;border-top:1px solid #d5d9de;font-size:12px;color:#444b53">${e(catalog.automatic(view.sellerName))}</p>`,
    '</div></body></html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function text(parts: EmailParts, view: EmailView, catalog: EmailCatalog, attached: string | undefined): string {
  const blocks = [
    catalog.greeting(view.customerName),
    ...parts.paragraphs,
    parts.facts.map(([label, value]) => `${label}: ${value}`).join('\n'),
    attached ?? '',
    `${catalog.signOff}\n${view.sellerName}`,
    `--\n${catalog.automatic(view.sellerName)}`,
  ];
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}

/**
 * Frames an email's words the built-in way, as HTML and plain text with the same content: heading (HTML only; it
 * repeats the subject), greeting, paragraphs, facts, the attachments, sign-off with the seller's name, and a
 * footer. Every value is escaped in HTML; the subject is one line.
 */
export function renderEmailLayout(parts: EmailParts, view: EmailView, catalog: EmailCatalog): RenderedEmail {
  const attached = view.attachments.length === 0 ? undefined : catalog.attached(view.attachments.join(', '));
  return {
    subject: oneLine(parts.subject, 200),
    text: text(parts, view, catalog, attached),
    html: html(parts, view, catalog, attached),
  };
}
