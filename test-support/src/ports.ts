import net from 'node:net';

/** Ports the project's services use by default; never handed out, so a test never collides with a running stack. */
const RESERVED = new Set([1337, 1338, 3000, 4000, 5433, 6379, 9092, 9093, 27017]);

/** A TCP port free on loopback right now. */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    if (!RESERVED.has(port)) return port;
  }
  throw new Error('no free port found');
}

/** True if something accepts TCP connections at host:port within one second. */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
