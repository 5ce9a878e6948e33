import type { DocumentParty } from '../model/document-model';
import type { Localizer } from '../model/localizer';
import { sellerFooterParts } from '../model/seller-footer';
import { escapeHtml as e } from './escape-html';
import { HTML_STYLES } from './html-styles';

// No scripts, no remote resources, no form posts: the page can only show itself.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The shell of every HTML document: doctype, language, a Content-Security-Policy that allows no scripts and no
 * requests, the inline stylesheet, `sections` in a `<main>`, and the seller's footer line.
 * @internal
 */
export function htmlPage(title: string, seller: DocumentParty, l10n: Localizer, sections: readonly string[]): string {
  const footer = sellerFooterParts(seller, l10n.messages).map(e).join(' · ');
  return [
    '<!DOCTYPE html>',
    `<html lang="${e(l10n.locale)}">`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(title)} – ${e(seller.name)}</title>`,
    `<style>${HTML_STYLES}</style></head>`,
    '<body><main class="document">',
    ...sections,
    `<footer>${footer}</footer>`,
    '</main></body></html>',
  ].join('\n');
}
