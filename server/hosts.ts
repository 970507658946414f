/**
 * The Host names this server answers to (DNS rebinding). A page on
 * `rebind.evil.example` whose name an attacker points at this server's
 * address would otherwise be same-origin with it: the browser sends the
 * attacker's name as Host, so refusing unknown names refuses that page.
 *
 * Allowed: any IP address literal (a browser only sends one when the user
 * typed the address itself, which no attacker's name can make it do),
 * `localhost` and `*.localhost`, this machine's host name (and
 * `<name>.local`), PUBLIC_URL's host name, and ALLOWED_HOSTS: exact names,
 * or `.example.com` for that domain and every name under it. Ports are not
 * compared: the socket already decided which port was reached.
 */
import net from 'node:net';
import os from 'node:os';

/** The host name of a Host header value (`name`, `name:port`, `[v6]:port`), lower-cased; null if it is not one. */
export function hostName(header: string | undefined): string | null {
  if (typeof header !== 'string' || header.length === 0 || header.length > 260) return null;
  const h = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(h);
  if (bracketed) return bracketed[1]!;
  const named = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)\.?(?::\d{1,5})?$/.exec(h);
  return named ? named[1]! : null;
}

export class HostCheck {
  private readonly exact = new Set<string>(['localhost']);
  private readonly suffixes: string[] = ['.localhost'];

  constructor(opts: { publicUrl?: string | undefined; allowedHosts: readonly string[] }) {
    const machine = os.hostname().toLowerCase();
    if (machine) this.exact.add(machine).add(`${machine.split('.')[0]}.local`);
    if (opts.publicUrl) this.exact.add(new URL(opts.publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase());
    for (const entry of opts.allowedHosts) {
      const name = entry.trim().toLowerCase();
      if (name.startsWith('.')) {
        this.suffixes.push(name);
        this.exact.add(name.slice(1));
      } else if (name) {
        this.exact.add(name);
      }
    }
  }

  /** Whether a request with this Host header is for this server. */
  allows(header: string | undefined): boolean {
    const name = hostName(header);
    if (name === null) return false;
    if (net.isIP(name) !== 0) return true;
    return this.exact.has(name) || this.suffixes.some((s) => name.endsWith(s));
  }
}
