/** `.css` files are bundled as (minified) text by scripts/build-widget.ts's esbuild setup. */
declare module '*.css' {
  const text: string;
  export default text;
}
