// SaxonJS ships no type declarations: the one call the schematron harness makes.
declare module 'saxon-js' {
  const SaxonJS: {
    transform(
      options: { stylesheetInternal: unknown; sourceText: string; destination: 'serialized' },
      mode: 'sync',
    ): unknown;
  };
  export default SaxonJS;
}
