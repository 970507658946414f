// wawoff2 ships no types; this is the call server/export/fontFiles.ts makes.
declare module 'wawoff2/decompress.js' {
  /** WOFF2 → TrueType; the result is a view of wasm memory that the next call overwrites. */
  export default function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}
