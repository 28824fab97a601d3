import type { BenchOptions, BenchPlan } from './plan';
import type { Services } from './infra/services';
import type { BenchKafka } from './kafka/kafka-admin';
import type { CpuMeter } from './procs/cpu';
import type { CmsProcess } from './procs/cms-process';
import type { WorkerProcess } from './procs/worker-process';
import type { Bidder } from './setup/bidders';
import type { BenchAuction } from './setup/auctions';
import type { BidPlan } from './load/bid-plan';
import type { BidMessageFactory } from './kafka/bid-messages';
import type { CountingProxy } from './procs/counting-proxy';

/** What the stages share: the services, the processes under test, the accounts and auctions. */
export interface BenchContext {
  options: BenchOptions;
  plan: BenchPlan;
  runTag: string;
  services: Services;
  kafka: BenchKafka;
  cpu: CpuMeter;
  cms: CmsProcess;
  bidders: Bidder[];
  /** liveProxy and replayProxy: the proxy mix's own auctions in (b1) and (b2). */
  auctions: Record<
    'probe' | 'http' | 'baseline' | 'push' | 'fanout' | 'live' | 'liveProxy' | 'notify' | 'replay' | 'replayProxy',
    BenchAuction[]
  >;
  /** Counts the worker's requests to the cms (its CMS_URL), i.e. the post-backs. */
  workerToCms: CountingProxy;
  /** Bid plans survive between stages so amounts keep rising on reused auctions. */
  httpBids: BidPlan;
  /** The manual mix on the replay auctions: (b2), then the worker's profile. */
  replayMessages: BidMessageFactory;
  /** The worker of the live stages (a, c, d, b1), if running. */
  worker: WorkerProcess | null;
}
