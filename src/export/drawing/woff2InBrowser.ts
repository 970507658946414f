/**
 * WOFF2 to TrueType in the browser, with the converter the server uses
 * (wawoff2's WebAssembly), so both measure and embed the same bytes. Its
 * emscripten binding hands its Module to CommonJS only under Node: bundled
 * for a browser, requiring it gives an empty object whose conversion never
 * becomes ready. So the binding runs here from its own source, filling a
 * Module object of ours.
 */
import source from 'wawoff2/build/decompress_binding.js?raw';

interface Binding {
  /** a view of the binding's memory, which the next conversion overwrites; false when the file is not WOFF2 */
  decompress(woff2: Uint8Array): Uint8Array | false;
}

let binding: Promise<Binding> | undefined;

function loadBinding(): Promise<Binding> {
  binding ??= new Promise<Binding>((resolve, reject) => {
    const module = {
      onRuntimeInitialized: () => resolve(module as unknown as Binding),
      onAbort: (what: unknown) => reject(new Error(`the font converter did not start: ${String(what)}`)),
    };
    // The binding's source as the build ships it, run with our Module in place of its own.
    new Function('Module', source)(module);
  });
  binding.catch(() => (binding = undefined));
  return binding;
}

/** TrueType bytes of a WOFF2 file, copied out of the binding's memory before anything else converts. */
export async function woff2ToTtf(woff2: Uint8Array): Promise<Uint8Array> {
  const ttf = (await loadBinding()).decompress(woff2);
  if (ttf === false) throw new Error('not a WOFF2 font');
  return new Uint8Array(ttf);
}
