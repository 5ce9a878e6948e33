import { css } from 'lit';

/**
 * The invoice list's layout: a table that becomes stacked cards on narrow screens; a long list scrolls in a box
 * `--billing-invoice-list-height` high (40rem) with the header kept in view.
 */
export const invoiceListStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
    justify-content: space-between;
    margin-bottom: calc(var(--_space) * 2);
  }
  .toolbar label {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  td.select,
  th.select {
    width: 2.5rem;
  }
  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    min-height: auto;
  }
  .windowed {
    max-height: var(--billing-invoice-list-height, 40rem);
    overflow-y: auto;
  }
  .windowed thead th {
    position: sticky;
    top: 0;
    z-index: 1;
  }
  tr[data-index]:focus-visible {
    outline-offset: -3px;
  }
  tr.spacer,
  tr.spacer td {
    padding: 0;
    border: none;
  }
  .more {
    margin-top: calc(var(--_space) * 2);
  }
  @media (max-width: 40rem) {
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    tr {
      display: grid;
      grid-template-columns: 2rem 1fr 1fr;
      gap: calc(var(--_space) / 2) var(--_space);
      padding: var(--_space) 0;
      border-bottom: 1px solid var(--_border);
    }
    td {
      border: none;
      padding: 0;
    }
    td.amount {
      text-align: start;
    }
    td[data-label]::before {
      content: attr(data-label) ': ';
      color: var(--_muted);
    }
    td.select {
      grid-row: 1 / span 5;
    }
    td.number,
    td.actions {
      grid-column: 2 / 4;
      font-weight: 600;
    }
    tr.spacer {
      display: block;
    }
  }
  @media print {
    .windowed {
      max-height: none;
      overflow: visible;
    }
  }
`;
