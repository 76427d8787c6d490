import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/**
 * The kernel's ephemeral port range (Linux: `ip_local_port_range`), from which it takes the port of
 * every `listen(0)` and the local port of every outgoing connection; null where it cannot be read.
 */
function ephemeralRange(): readonly [number, number] | null {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return low !== undefined && high !== undefined && Number.isInteger(low) && Number.isInteger(high) && low <= high ? [low, high] : null;
  } catch {
    return null;
  }
}

/** Ports from 6000 up that `fetch()` refuses to connect to (the Fetch standard's "bad ports"): never handed out for a server. */
export const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080]);
const LOWEST = 10_000;

function listenOn(port: number): Promise<number | null> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for a child process to listen on later.
 *
 * Chosen below the kernel's ephemeral range when it can be read: a port from inside it can be taken
 * in the meantime as the local port of any outgoing connection of any process (seen: a subgraph that
 * started 27 s after its port was chosen found it in use), while nothing takes a port below it unless
 * asked for by number. Elsewhere, whatever port the system gives.
 */
export async function freePort(): Promise<number> {
  const range = ephemeralRange();
  if (range && range[0] > LOWEST + 1_000) {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const port = LOWEST + Math.floor(Math.random() * (range[0] - LOWEST));
      if (FETCH_BAD_PORTS.has(port)) continue;
      if ((await listenOn(port)) === port) return port;
    }
  }
  const port = await listenOn(0);
  if (port === null) throw new Error('no free TCP port on 127.0.0.1');
  return port;
}
