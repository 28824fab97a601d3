import fs from 'node:fs';
import path from 'node:path';
import type { BenchContext } from '../context';
import { log } from '../log';
import { PROFILE_DIR, REPO_ROOT } from '../paths';
import { runOpenLoop } from '../load/open-loop-http';
import { startCms } from '../procs/cms-process';
import { freePort } from '@car-auction/test-support/ports';
import { startWorker } from '../procs/worker-process';
import { monotonicUs, summariseCpuProfile, type ProfileSummary, type ProfileWindow } from '../profile/summarise-cpuprofile';
import { prefill, waitForCatchUp } from './replay';
import { warmUp } from './http-bids';

export interface ProfileRun {
  process: 'cms' | 'stream-worker';
  workload: string;
  /** Relative to the repository (git-ignored). */
  file: string;
  summary: ProfileSummary;
}

function profileDir(ctx: BenchContext, name: string): string {
  const dir = path.join(PROFILE_DIR, `${ctx.runTag}-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function readProfile(dir: string, processName: ProfileRun['process'], workload: string, window: ProfileWindow): ProfileRun {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir} (did the process exit cleanly?)`);
  const full = path.join(dir, file);
  return { process: processName, workload, file: path.relative(REPO_ROOT, full), summary: summariseCpuProfile(full, window) };
}

/** The worker under --cpu-prof, replaying a short backlog (the decide path at full speed). */
export async function profileWorker(ctx: BenchContext): Promise<ProfileRun> {
  if (ctx.worker) throw new Error('stop the live worker before profiling one');
  const { profile, replay } = ctx.plan;
  const filled = await prefill(ctx, ctx.replayMessages, profile.workerMessages, replay.messages);
  const groupId = `bench-${ctx.runTag}-profile`;
  await ctx.kafka.positionGroup(groupId, filled.from);
  const dir = profileDir(ctx, 'worker');
  log(`profile: worker under --cpu-prof replaying ${filled.messages} bids`);
  const worker = await startWorker({
    port: await freePort(),
    groupId,
    cmsUrl: ctx.workerToCms.url,
    services: ctx.services,
    cpuProfileDir: dir,
    logName: `worker-profile-${ctx.runTag}`,
  });
  // From the group join to the last commit: start-up and shutdown are left out of the summary.
  const window = { fromUs: monotonicUs(), toUs: 0 };
  try {
    const caught = await waitForCatchUp(ctx, worker, filled.to, filled.messages, ctx.plan.replay.timeoutSeconds);
    window.toUs = monotonicUs();
    log(`profile: worker replayed ${caught.committed} bids in ${caught.secondsFromJoin.toFixed(1)} s`);
  } finally {
    await worker.stop();
  }
  return readProfile(
    dir,
    'stream-worker',
    `replay of ${filled.messages} bids (new consumer group), from group join to the last commit`,
    window,
  );
}

/**
 * The cms restarted under --cpu-prof (same database, same accounts), bids POSTed
 * open-loop at a fixed rate while a worker runs (its post-backs are part of the
 * cms's load in stage a). Leaves the cms stopped: this is the last stage.
 */
export async function profileCms(ctx: BenchContext): Promise<ProfileRun> {
  const { profile } = ctx.plan;
  await ctx.cms.handle.stop();
  const dir = profileDir(ctx, 'cms');
  const cms = await startCms({ port: ctx.cms.port, services: ctx.services, cpuProfileDir: dir, logName: `cms-profile-${ctx.runTag}` });
  ctx.cms = cms;
  ctx.cpu.track('cms (strapi)', cms.handle.pid);
  const groupId = `bench-${ctx.runTag}-profile-live`;
  await ctx.kafka.positionGroup(groupId, await ctx.kafka.topicEnd());
  const worker = await startWorker({
    port: await freePort(),
    groupId,
    cmsUrl: ctx.workerToCms.url,
    services: ctx.services,
    logName: `worker-profile-live-${ctx.runTag}`,
  });
  const window = { fromUs: 0, toUs: 0 };
  try {
    const offset = await warmUp(ctx, 'profile', ctx.httpBids, 10_000_000); // bid indexes no earlier stage used
    log(`profile: cms under --cpu-prof, ${profile.cmsRate} bids/s for ${profile.cmsSeconds} s`);
    window.fromUs = monotonicUs();
    const result = await runOpenLoop({
      origin: cms.url,
      rate: profile.cmsRate,
      seconds: profile.cmsSeconds,
      connections: ctx.plan.http.connections,
      drainSeconds: ctx.plan.http.drainSeconds,
      request: (i) => ctx.httpBids.request(offset + i),
    });
    window.toUs = monotonicUs();
    log(`profile: ${result.achievedRate}/s ok, p99 ${result.latencyOk.p99} ms, outcomes ${JSON.stringify(result.outcomes)}`);
  } finally {
    await worker.stop();
    await cms.handle.stop();
    ctx.cpu.untrack('cms (strapi)');
  }
  return readProfile(
    dir,
    'cms',
    `POST /api/auctions/:id/bids at ${profile.cmsRate}/s for ${profile.cmsSeconds} s, with a worker posting back (load window only)`,
    window,
  );
}
