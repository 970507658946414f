/**
 * How free a server's event loop stays while a benchmark loads it: /health
 * asked every 20 ms until the returned `stop` is called, which answers the
 * slowest reply in ms.
 */
export function healthWatch(base: string): () => Promise<number> {
  let worst = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      await fetch(`${base}/health`).then((r) => r.arrayBuffer());
      worst = Math.max(worst, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return Math.round(worst);
  };
}
