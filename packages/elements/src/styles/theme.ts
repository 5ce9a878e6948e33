import { css } from 'lit';

/** The dark defaults of the tokens, for `theme="dark"` and for `auto` on a page that prefers dark. */
const darkTokens = css`
  --_accent: var(--billing-color-accent, #93b4ff);
  --_on-accent: var(--billing-color-on-accent, #0b1220);
  --_text: var(--billing-color-text, #e5e7eb);
  --_muted: var(--billing-color-text-muted, #b6bcc6);
  --_surface: var(--billing-color-surface, #111827);
  --_raised: var(--billing-color-surface-raised, #1f2937);
  --_border: var(--billing-color-border, #6b7280);
  --_danger: var(--billing-color-danger, #fca5a5);
  --_warning: var(--billing-color-warning, #fcd34d);
  --_success: var(--billing-color-success, #86efac);
  color-scheme: dark;
`;

/**
 * The design tokens every billing element reads, as CSS custom properties a host sets on the element or any
 * ancestor (custom properties inherit into shadow roots; nothing else leaks in or out):
 *
 * | token | what |
 * |---|---|
 * | `--billing-color-accent`, `--billing-color-on-accent` | buttons, links, focus; text on the accent |
 * | `--billing-color-text`, `--billing-color-text-muted` | body text; secondary text |
 * | `--billing-color-surface`, `--billing-color-surface-raised` | background; cards, table headers, dialogs |
 * | `--billing-color-border` | lines and field borders |
 * | `--billing-color-danger`, `--billing-color-warning`, `--billing-color-success` | errors and overdue; notices; paid |
 * | `--billing-radius` | corner radius |
 * | `--billing-space` | the spacing unit (gaps are multiples of it) |
 * | `--billing-font-family`, `--billing-font-size` | type |
 *
 * Light by default; dark when the page prefers it (`theme="auto"`, the default) or with `theme="dark"`. The dark
 * defaults meet WCAG AA contrast like the light ones.
 */
export const themeStyles = css`
  :host {
    --_accent: var(--billing-color-accent, #1d4ed8);
    --_on-accent: var(--billing-color-on-accent, #ffffff);
    --_text: var(--billing-color-text, #1f2937);
    --_muted: var(--billing-color-text-muted, #4b5563);
    --_surface: var(--billing-color-surface, #ffffff);
    --_raised: var(--billing-color-surface-raised, #f3f4f6);
    --_border: var(--billing-color-border, #9ca3af);
    --_danger: var(--billing-color-danger, #b91c1c);
    --_warning: var(--billing-color-warning, #92400e);
    --_success: var(--billing-color-success, #166534);
    --_radius: var(--billing-radius, 6px);
    --_space: var(--billing-space, 0.5rem);
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--billing-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--billing-font-size, 1rem);
    line-height: 1.5;
    color-scheme: light;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light']):not([theme='dark'])) {
      ${darkTokens}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    margin: 0 0 calc(var(--_space) * 2);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  p {
    margin: 0 0 var(--_space);
  }
  a {
    color: var(--_accent);
  }
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    min-height: 2.5rem;
    padding: 0 calc(var(--_space) * 2);
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
    cursor: pointer;
    text-decoration: none;
  }
  button.primary,
  .button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    min-height: auto;
    text-decoration: underline;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
    min-height: 2.5rem;
    max-width: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  label {
    display: block;
    font-weight: 600;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    background: var(--_raised);
    font-weight: 600;
  }
  .amount {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .muted {
    color: var(--_muted);
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_space);
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.875em;
    white-space: nowrap;
  }
  .badge.paid {
    color: var(--_success);
  }
  .badge.overdue,
  .badge.uncollectible {
    color: var(--_danger);
  }
  .notice {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    border-inline-start: 4px solid var(--_accent);
    background: var(--_raised);
  }
  .notice.error {
    border-color: var(--_danger);
  }
  .notice.success {
    border-color: var(--_success);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .stack > * + * {
    margin-top: calc(var(--_space) * 2);
  }
  .text {
    overflow-wrap: anywhere;
    unicode-bidi: plaintext;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  dialog {
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 3);
    width: min(36rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: billing-fade-in 150ms ease-out;
    }
    button {
      transition: background-color 120ms ease-out;
    }
  }
  @keyframes billing-fade-in {
    from {
      opacity: 0;
      transform: translateY(0.5rem);
    }
  }
  @media print {
    :host {
      color: #000;
      background: #fff;
    }
    button,
    .no-print {
      display: none !important;
    }
  }
`;
