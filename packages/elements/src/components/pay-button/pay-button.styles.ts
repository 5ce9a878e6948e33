import { css } from 'lit';

/** The pay button's own layout on top of the shared theme. */
export const payButtonStyles = css`
  :host {
    display: inline-block;
    background: transparent;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
    margin: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 calc(var(--_space) / 2);
  }
  fieldset label {
    font-weight: normal;
    display: flex;
    gap: var(--_space);
    align-items: center;
    min-height: 2.25rem;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    margin: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  .reference {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .provider-fields {
    min-height: 3rem;
  }
  .actions {
    justify-content: flex-end;
    margin-top: calc(var(--_space) * 2);
  }
`;
