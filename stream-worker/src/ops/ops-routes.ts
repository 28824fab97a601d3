import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';

/** What /healthz answers: 200 when `serving`, otherwise 503; the body says why. */
export interface HealthAnswer {
  serving: boolean;
  body: { status: string } & Record<string, unknown>;
}

/** /healthz and /metrics on the gateway's HTTP server; everything else is left to Socket.IO. */
export function opsHandler(metrics: Metrics, health: () => HealthAnswer) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET') return false;
    if (req.url === '/healthz') {
      const { serving, body } = health();
      res.writeHead(serving ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
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
