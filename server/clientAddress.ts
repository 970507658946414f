/**
 * Which address a request comes from, for per-client limits. Behind a
 * reverse proxy every connection comes from the proxy, so when the direct
 * peer is a proxy named in TRUST_PROXY, the client is the nearest address in
 * X-Forwarded-For that is not itself a trusted proxy (what the proxy saw),
 * as Express's `trust proxy` does. Anyone else's X-Forwarded-For is ignored:
 * a client could write anything there.
 */
import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/** `::ffff:1.2.3.4` and `1.2.3.4` are one client. */
const normalise = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();

const isLoopback = (address: string): boolean => /^127\./.test(address) || address === '::1';

export class ClientAddresses {
  private readonly proxies: Set<string>;
  private readonly loopbackProxies: boolean;

  /** `trusted`: proxy addresses, and `loopback` for any loopback address. */
  constructor(trusted: readonly string[]) {
    this.loopbackProxies = trusted.includes('loopback');
    this.proxies = new Set(trusted.filter((t) => t !== 'loopback').map(normalise));
  }

  private trusts(address: string): boolean {
    return this.proxies.has(address) || (this.loopbackProxies && isLoopback(address));
  }

  /** Whether the direct peer is a trusted proxy (its own connection count then says nothing about one client). */
  isProxy(remote: string | undefined): boolean {
    return remote !== undefined && this.trusts(normalise(remote));
  }

  of(req: IncomingMessage): string {
    const remote = normalise(req.socket.remoteAddress ?? 'unknown');
    if (!this.trusts(remote)) return remote;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((h) => normalise(h.trim()))
      .filter((h) => net.isIP(h) !== 0);
    for (let i = hops.length - 1; i >= 0; i--) if (!this.trusts(hops[i]!)) return hops[i]!;
    return hops[0] ?? remote;
  }
}
