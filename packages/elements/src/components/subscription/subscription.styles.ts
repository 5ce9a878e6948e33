import { css } from 'lit';

/** The subscription's layout. */
export const subscriptionStyles = css`
  .plan {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .prices {
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_space);
  }
  .prices li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: space-between;
    padding: calc(var(--_space) / 2) 0;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
  }
  fieldset label {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    font-weight: normal;
    min-height: 2.25rem;
  }
  textarea,
  select {
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: calc(var(--_space) / 2);
  }
  .actions {
    justify-content: flex-end;
    margin-top: calc(var(--_space) * 2);
  }
`;
