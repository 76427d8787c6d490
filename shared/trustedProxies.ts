import { BlockList, isIP } from 'node:net';

/**
 * The proxies in front of the gateway whose `X-Forwarded-For` and `x-request-id` it believes
 * (`CG_TRUSTED_PROXIES`): addresses and CIDR ranges, IPv4 or IPv6, or the names `loopback`,
 * `linklocal`, `uniquelocal` (as Fastify's `trustProxy` knows them), expanded here so that the
 * gateway and Fastify trust exactly the same list. Empty: nobody is trusted.
 */

const NAMED: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** The list as addresses and CIDRs, or an error that names the entry it cannot read. */
export function parseTrustedProxies(text: string): string[] {
  const entries: string[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const named = NAMED[entry.toLowerCase()];
    if (named) {
      entries.push(...named);
      continue;
    }
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefixOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (family === 0 || extra !== undefined || !prefixOk) {
      throw new Error(`"${entry}" is not an IP address, a CIDR range or one of ${Object.keys(NAMED).join(', ')}`);
    }
    entries.push(entry);
  }
  return entries;
}

/** Whether a peer address is one of the trusted proxies (an IPv4-mapped IPv6 address counts as IPv4). */
export function proxyTrust(entries: readonly string[]): (address: string | undefined) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return (address) => {
    if (!address) return false;
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}
