import http from 'node:http';
import { onCleanup } from '../lifecycle/cleanup';

export interface CountingProxy {
  url: string;
  /** Requests forwarded so far. */
  total(): number;
  byRoute(): Record<string, number>;
}

/**
 * A pass-through HTTP proxy between the worker and the cms (the worker's
 * CMS_URL points here), counting requests per route. The worker's post-backs
 * (PUT /api/internal/auctions/projections) are load on the cms during the
 * bid stages; the counts say how much.
 */
export async function startCountingProxy(target: URL): Promise<CountingProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const counts = new Map<string, number>();
  let total = 0;
  const server = http.createServer((req, res) => {
    const route = `${req.method} ${(req.url ?? '').split('?')[0]!.replace(/\/auctions\/[^/]+\//, '/auctions/:id/')}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
    total++;
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  onCleanup('close the post-back counting proxy', async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    agent.destroy();
  });
  return { url: `http://127.0.0.1:${port}`, total: () => total, byRoute: () => Object.fromEntries(counts) };
}
