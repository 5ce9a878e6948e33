/** Markup, script and right-to-left text that must render inert and legible. */
export const HOSTILE_NAME =
  '<img src=x onerror="window.__billingXss=1">Ada <script>window.__billingXss=2</script> عميل تجريبي';

/** A 10,000-character line description: markup, RTL and one very long word. */
export const HOSTILE_DESCRIPTION = (() => {
  const start = '<b onmouseover="window.__billingXss=3">Installation</b> تركيب الألياف البصرية — ';
  const word = 'Glasfaserhausanschlussverteiler'.repeat(20);
  const filler = ' Lorem ipsum dolor sit amet, consectetur adipiscing elit.';
  let text = `${start}${word}`;
  while (text.length < 10_000) text += filler;
  return text.slice(0, 10_000);
})();
