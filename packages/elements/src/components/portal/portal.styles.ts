import { css } from 'lit';

/** The portal's layout: the navigation as a wrapping row of tabs-like links, then the open section. */
export const portalStyles = css`
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    list-style: none;
    margin: 0 0 calc(var(--_space) * 3);
    padding: 0 0 var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  nav a {
    display: inline-block;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    text-decoration: none;
    color: var(--_text);
  }
  nav a[aria-current='page'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  h1 {
    font-size: 1.5em;
    margin: 0 0 calc(var(--_space) * 2);
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 3px solid var(--_accent);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: calc(var(--_space) * 2);
    margin-top: calc(var(--_space) * 2);
  }
  .card {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .card h2 {
    font-size: 1em;
    color: var(--_muted);
  }
  .figure {
    font-size: 1.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  billing-overdue-banner:not(:empty) {
    margin-bottom: calc(var(--_space) * 2);
  }
`;
