import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';

/** /healthz and /metrics on the gateway's HTTP server; everything else is left to Socket.IO. */
export function opsHandler(metrics: Metrics, health: () => { ok: boolean; detail: Record<string, unknown> }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET') return false;
    if (req.url === '/healthz') {
      const { ok, detail } = health();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'unhealthy', ...detail }));
      return true;
    }
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
      return true;
    }
    return false;
  };
}
