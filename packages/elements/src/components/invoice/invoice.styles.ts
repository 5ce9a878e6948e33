import { css } from 'lit';

/** The invoice's layout, and how it prints. */
export const invoiceStyles = css`
  .header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: calc(var(--_space) * 2);
    margin-bottom: calc(var(--_space) * 2);
  }
  .customer {
    margin-bottom: calc(var(--_space) * 2);
  }
  .customer p {
    margin: 0;
  }
  .description {
    white-space: pre-line;
    max-width: 60ch;
  }
  .totals {
    margin: calc(var(--_space) * 2) 0 0 auto;
    max-width: 24rem;
  }
  .total {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) / 2) 0;
  }
  .total dd {
    margin: 0;
  }
  .total.grand {
    font-weight: 700;
    border-top: 1px solid var(--_border);
  }
  @media print {
    table,
    .totals {
      break-inside: auto;
    }
    tr {
      break-inside: avoid;
    }
    .description {
      max-width: none;
    }
  }
`;
