import fs from 'node:fs';
import { installExitHandlers, onCleanup, runCleanups } from './lifecycle/cleanup';
import { CHILD_LOG_DIR, PROFILE_DIR } from './paths';
import { log } from './log';
import { parseOptions, type StageName } from './plan';
import type { BenchContext } from './context';
import { buildAll } from './infra/build';
import { ensureServices } from './infra/services';
import { BenchKafka } from './kafka/kafka-admin';
import { BidMessageFactory } from './kafka/bid-messages';
import { BidPlan, baselineBidPath, realBidPath } from './load/bid-plan';
import { CpuMeter, pidListeningOn } from './procs/cpu';
import { benchDatabaseFile, deleteBenchDatabase, startCms } from './procs/cms-process';
import { freePort } from '@car-auction/test-support/ports';
import { startWorker } from './procs/worker-process';
import { startCountingProxy } from './procs/counting-proxy';
import { adminLogin, grantRolePermission } from '@car-auction/test-support/admin-api';
import { createAuctions, createCar } from './setup/auctions';
import { dropBenchLedger, removeAuctionState } from './setup/bench-data';
import { registerBidders } from './setup/bidders';
import { runHttpSeries } from './stages/http-bids';
import { runKafkaProbe } from './stages/kafka-probe';
import { runPushLatency } from './stages/push-latency';
import { runFanout } from './stages/fan-out';
import { runLiveDecide } from './stages/live-decide';
import { runReplay } from './stages/replay';
import { runNotifierLag } from './stages/notifier-lag';
import { profileCms, profileWorker, type ProfileRun } from './stages/profile';
import { gitDescription, machineInfo, versions } from './report/machine';
import { sqliteWriteProbe } from './report/sqlite-probe';
import { checkTargets, computeRatios, type BenchResults } from './report/results';
import { writeReports } from './report/render';

/**
 * `npm run bench`: builds, brings up what is missing, starts the cms and the
 * worker as child processes, runs the stages in one go and writes
 * bench/results/latest.json and BENCHMARKS.md. Composition only; each stage
 * lives in stages/.
 */
async function main() {
  installExitHandlers();
  const options = parseOptions(process.argv.slice(2), process.env);
  const { plan } = options;
  const startedAt = new Date();
  const runTag = Date.now().toString(36);
  log(`${plan.mode} run ${runTag}: stages ${[...options.stages].join(', ')}; kafka ${options.kafka}`);
  const watchdog = setTimeout(() => {
    log(`the run passed its ${plan.deadlineSeconds} s deadline; stopping`);
    void runCleanups().finally(() => process.exit(2));
  }, plan.deadlineSeconds * 1000);
  watchdog.unref();

  // Only the latest run's logs and profiles are kept (latest.json points at them).
  for (const dir of [CHILD_LOG_DIR, PROFILE_DIR]) fs.rmSync(dir, { recursive: true, force: true });
  if (options.build) await buildAll();
  const services = await ensureServices(options.kafka);
  const kafka = new BenchKafka(services.kafkaBrokers);
  onCleanup('disconnect the kafka admin', () => kafka.close());
  await dropBenchLedger(services);
  const createdAuctionIds: string[] = [];
  onCleanup('remove the bench data', async () => {
    await removeAuctionState(services, createdAuctionIds);
    await dropBenchLedger(services);
  });

  const cpu = new CpuMeter();
  cpu.track(`kafka (:${services.kafkaPort})`, pidListeningOn(services.kafkaPort));
  cpu.track('redis', pidListeningOn(6379));
  cpu.track('ferretdb', pidListeningOn(27017));
  cpu.track('postgres (ferretdb backend)', pidListeningOn(5433));

  deleteBenchDatabase();
  const cms = await startCms({ port: await freePort(), services, logName: `cms-${runTag}` });
  cpu.track('cms (strapi)', cms.handle.pid);
  const workerToCms = await startCountingProxy(new URL(cms.url));
  const admin = await adminLogin(cms.url);
  await grantRolePermission(admin, 'authenticated', 'plugin::baseline-bid.baseline-bid.place');

  let t = Date.now();
  const bidders = await registerBidders(cms.url, plan.bidders, runTag);
  const biddersSeconds = (Date.now() - t) / 1000;
  log(`registered ${bidders.length} bidders in ${biddersSeconds.toFixed(1)} s`);
  t = Date.now();
  const carId = await createCar(admin, runTag);
  const want = (...stages: StageName[]) => stages.some((s) => options.stages.has(s));
  const make = async (count: number, label: string, needed: boolean) => {
    if (!needed) return [];
    const list = await createAuctions(admin, carId, count, label);
    createdAuctionIds.push(...list.map((a) => a.documentId));
    return list;
  };
  const auctions: BenchContext['auctions'] = {
    probe: await make(1, 'probe', want('probe')),
    http: await make(plan.http.auctions, 'http', want('http', 'http-solo', 'profile')),
    baseline: await make(plan.http.auctions, 'baseline', want('baseline')),
    push: await make(plan.push.auctions, 'push', want('push')),
    fanout: await make(1, 'fanout', want('fanout')),
    live: await make(plan.live.auctions, 'live', want('live')),
    liveProxy: await make(plan.live.auctions, 'live-proxy', want('live')),
    notify: await make(plan.notify.auctions, 'notify', want('notify')),
    replay: await make(plan.replay.auctions, 'replay', want('replay', 'profile')),
    replayProxy: await make(plan.replay.auctions, 'replay-proxy', want('replay')),
  };
  const auctionCreateSeconds = (Date.now() - t) / 1000;

  let httpBids: BidPlan | undefined;
  let replayMessages: BidMessageFactory | undefined;
  const ctx: BenchContext = {
    options,
    plan,
    runTag,
    services,
    kafka,
    cpu,
    cms,
    bidders,
    auctions,
    // Made on first use: a run without the HTTP stages (--only=live,replay) has no auctions for it.
    get httpBids() {
      return (httpBids ??= new BidPlan(auctions.http, bidders, realBidPath));
    },
    // Made on first use too: a run without (b2) or the profile has no replay auctions.
    get replayMessages() {
      return (replayMessages ??= new BidMessageFactory(auctions.replay, bidders, 'manual'));
    },
    worker: null,
    workerToCms,
  };

  const errors: BenchResults['errors'] = [];
  const stage = async <T>(name: StageName, run: () => Promise<T>): Promise<T | undefined> => {
    if (!options.stages.has(name)) return undefined;
    log(`--- stage ${name} ---`);
    try {
      return await run();
    } catch (err) {
      const message = (err as Error).stack ?? String(err);
      log(`stage ${name} failed: ${message}`);
      errors.push({ stage: name, message });
      return undefined;
    }
  };

  const stages: BenchResults['stages'] = {};
  if (want('probe', 'http', 'push', 'fanout', 'live', 'notify')) {
    // One worker for the live stages; its new group starts at the end of the topic.
    const groupId = `bench-${runTag}-live`;
    await kafka.positionGroup(groupId, await kafka.topicEnd());
    ctx.worker = await startWorker({
      port: await freePort(),
      groupId,
      cmsUrl: workerToCms.url,
      services,
      logName: `worker-live-${runTag}`,
    });
    cpu.track('stream-worker', ctx.worker.pid);
  }
  stages.probe = await stage('probe', () => runKafkaProbe(ctx));
  stages.http = await stage('http', () => runHttpSeries(ctx, 'POST /api/auctions/:id/bids', ctx.httpBids));
  stages.push = await stage('push', () => runPushLatency(ctx));
  stages.fanout = await stage('fanout', () => runFanout(ctx));
  stages.live = await stage('live', () => runLiveDecide(ctx));
  stages.notify = await stage('notify', () => runNotifierLag(ctx));
  if (ctx.worker) {
    await ctx.worker.stop();
    cpu.untrack('stream-worker');
    ctx.worker = null;
  }
  // (a') The same route with the cms alone, as the baseline runs: no worker, so no post-backs.
  stages.httpSolo = await stage('http-solo', () => runHttpSeries(ctx, 'POST /api/auctions/:id/bids (no worker)', ctx.httpBids));
  // The naive design has no worker: the baseline runs with the cms alone.
  stages.baseline = await stage('baseline', () =>
    runHttpSeries(ctx, 'POST /api/baseline/auctions/:id/bids', new BidPlan(auctions.baseline, bidders, baselineBidPath)),
  );
  stages.replay = await stage('replay', () => runReplay(ctx));

  const targets = checkTargets(stages);
  const missed = (...ids: string[]) => targets.some((c) => ids.some((id) => c.id.startsWith(id)) && c.met === false);
  const profiles: ProfileRun[] = [];
  if (options.profile !== 'never') {
    const always = options.profile === 'always';
    if (always || missed('b1', 'b2')) {
      const run = await stage('profile', () => profileWorker(ctx));
      if (run) profiles.push(run);
    }
    if (always || missed('a-')) {
      const run = await stage('profile', () => profileCms(ctx));
      if (run) profiles.push(run);
    }
  }

  const finishedAt = new Date();
  const results: BenchResults = {
    mode: plan.mode,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    git: gitDescription(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: machineInfo(),
    sqliteWrite: sqliteWriteProbe(benchDatabaseFile()),
    versions: await versions(services.redisUrl, services.mongoUrl),
    options: { kafka: options.kafka, stages: [...options.stages], profile: options.profile },
    plan,
    setup: {
      bidders: bidders.length,
      auctions: Object.fromEntries(Object.entries(auctions).map(([k, v]) => [k, v.length])),
      auctionCreateSeconds,
      biddersSeconds,
      workerToCmsRequests: workerToCms.byRoute(),
    },
    stages,
    ratios: computeRatios(stages),
    targets,
    profiles,
    errors,
  };
  const written = writeReports(results);
  log(`wrote ${written.json} and ${written.markdown}`);
  for (const c of targets) {
    process.stdout.write(
      `${c.met === null ? '  -  ' : c.met ? ' met ' : 'MISSED'} ${c.stage.padEnd(3)} ${c.description}: ${c.measured} (target ${c.target})\n`,
    );
  }
  for (const r of results.ratios)
    process.stdout.write(`ratio ${r.figure}: ours ${r.ours} / baseline ${r.baseline} = ${r.ratio}x (${r.better} is better)\n`);
  await runCleanups();
  process.exit(errors.length > 0 ? 1 : 0);
}

void main().catch(async (err) => {
  log(`bench failed: ${(err as Error).stack ?? String(err)}`);
  await runCleanups();
  process.exit(1);
});
