import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HealthReport } from './dependency-health';

export interface MetricsOptions {
  /** The dependencies' states, read at every scrape (ops/dependency-health.ts). */
  dependencies?: () => HealthReport['dependencies'];
}

/** Prometheus metrics of one worker process, served at /metrics. */
export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    bidsDecided: new Counter({
      name: 'bids_decided_total',
      help: 'Bids decided, by outcome (accepted, rejected, stale) and reason',
      labelNames: ['outcome', 'reason'] as const,
      registers: [registry],
    }),
    automaticBids: new Counter({
      name: 'bids_automatic_total',
      help: 'Automatic bids the engine made for a maximum (proxy bids), one ledger row each',
      registers: [registry],
    }),
    decisionLatency: new Histogram({
      name: 'bid_decision_latency_seconds',
      help: 'From the cms stamping a bid to the worker committing its decision',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'bids_consumer_lag',
      help: 'Messages behind the high watermark, per partition this worker owns',
      labelNames: ['partition'] as const,
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: 'bids_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic',
      registers: [registry],
    }),
    connectedSockets: new Gauge({
      name: 'socketio_connected_sockets',
      help: 'Socket.IO clients connected to this gateway',
      registers: [registry],
    }),
    dependencyUp: new Gauge({
      name: 'worker_dependency_up',
      help: 'Whether this worker reaches a dependency (kafka, redis, mongo, cms): 1 up, 0 down',
      labelNames: ['dependency'] as const,
      registers: [registry],
      collect() {
        for (const [dependency, state] of Object.entries(options.dependencies?.() ?? {})) {
          this.set({ dependency }, state === 'up' ? 1 : 0);
        }
      },
    }),
    consumerRestarts: new Counter({
      name: 'kafka_consumer_restarts_total',
      help: 'Times the bid consumer failed (its retries used up, typically a broker outage) and was restarted',
      registers: [registry],
    }),
    auctionsClosed: new Counter({
      name: 'auctions_closed_total',
      help: 'Auctions closed by this worker, by result',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
