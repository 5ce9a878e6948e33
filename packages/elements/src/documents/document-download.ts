import { css, html, nothing, type TemplateResult } from 'lit';
import type { PortalApi } from '../api/portal-api';
import type { BillingMessages } from '../i18n/messages-en';

/** The document formats the portal renders. */
export const DOCUMENT_FORMATS = ['pdf', 'html', 'csv', 'ubl'] as const;

/** A document format. */
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Downloads a document with the session token and hands it to the browser as a file. */
export async function downloadDocument(api: PortalApi, path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await api.download(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? fallbackName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Downloads one invoice's document (`INV-2026-000012.pdf`). */
export function downloadInvoiceDocument(
  api: PortalApi,
  invoice: { readonly id: string; readonly number?: string },
  format: DocumentFormat,
): Promise<void> {
  const path = `invoices/${encodeURIComponent(invoice.id)}/documents/${format}`;
  return downloadDocument(api, path, `${invoice.number ?? invoice.id}.${format === 'ubl' ? 'xml' : format}`);
}

/** Moves focus among a menu's items with the arrow keys, Home and End; Escape closes the menu. */
function onMenuKey(event: KeyboardEvent, close: () => void): void {
  const menu = event.currentTarget as HTMLElement;
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf(event.target as HTMLElement);
  const go = (index: number) => {
    event.preventDefault();
    items[(index + items.length) % items.length]?.focus();
  };
  if (event.key === 'ArrowDown') go(at + 1);
  else if (event.key === 'ArrowUp') go(at - 1);
  else if (event.key === 'Home') go(0);
  else if (event.key === 'End') go(items.length - 1);
  else if (event.key === 'Escape' || event.key === 'Tab') {
    if (event.key === 'Escape') event.preventDefault();
    close();
  }
}

/** What a download menu shows and does. */
export interface DownloadMenu {
  readonly id: string;
  readonly label: string;
  readonly open: boolean;
  readonly toggle: () => void;
  readonly pick: (format: DocumentFormat) => void;
}

/**
 * A menu button listing the document formats (the menu is rendered only while open, so a long list of invoices
 * carries one button per row). Arrow keys move, Escape closes and returns focus to the button.
 */
export function renderDownloadMenu(t: BillingMessages, menu: DownloadMenu): TemplateResult {
  const names: Record<DocumentFormat, string> = {
    pdf: t.formatPdf,
    html: t.formatHtml,
    csv: t.formatCsv,
    ubl: t.formatUbl,
  };
  const close = () => {
    menu.toggle();
  };
  return html`<span class="menu-anchor">
    <button
      type="button"
      id="menu-button-${menu.id}"
      aria-haspopup="menu"
      aria-expanded=${menu.open ? 'true' : 'false'}
      aria-label=${menu.label}
      part="download-button"
      @click=${menu.toggle}
    >
      ${t.download}
    </button>
    ${
      menu.open
        ? html`<span role="menu" class="menu" part="download-menu" aria-labelledby="menu-button-${menu.id}" @keydown=${(
            event: KeyboardEvent,
          ) => onMenuKey(event, close)}>
          ${DOCUMENT_FORMATS.map(
            (format) =>
              html`<button type="button" role="menuitem" tabindex="-1" @click=${() => menu.pick(format)}>
                ${names[format]}
              </button>`,
          )}
        </span>`
        : nothing
    }
  </span>`;
}

/** The layout of {@link renderDownloadMenu}. */
export const downloadMenuStyles = css`
  .menu-anchor {
    position: relative;
    display: inline-block;
  }
  .menu {
    position: absolute;
    inset-inline-end: 0;
    top: 100%;
    z-index: 2;
    display: flex;
    flex-direction: column;
    min-width: 12rem;
    padding: calc(var(--_space) / 2);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
  }
  .menu button {
    border: none;
    justify-content: flex-start;
    color: var(--_text);
  }
  .menu button:hover,
  .menu button:focus-visible {
    background: var(--_raised);
  }
`;
