import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { REPO_ROOT } from '../paths';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  kernel: string;
  os: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  let osName = os.type();
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    osName = /PRETTY_NAME="([^"]+)"/.exec(release)?.[1] ?? osName;
  } catch {
    // not Linux-like; keep os.type()
  }
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: os.release(),
    os: osName,
  };
}

const packageVersion = (name: string) => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

/** The version of the Kafka broker jar infra/kafka/pom.xml resolves. */
function kafkaVersion(): string {
  try {
    const pom = fs.readFileSync(path.join(REPO_ROOT, 'infra', 'kafka', 'pom.xml'), 'utf8');
    return /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface Versions {
  node: string;
  kafka: string;
  redis: string;
  ferretdb: string;
  strapi: string;
  kafkajs: string;
  socketIo: string;
  ioredis: string;
  mongoose: string;
}

export async function versions(redisUrl: string, mongoUrl: string): Promise<Versions> {
  let redis = 'unknown';
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    redis = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? 'unknown';
  } catch {
    // leave unknown
  } finally {
    client.disconnect();
  }
  let ferretdb = 'unknown';
  const conn = mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  try {
    await conn.asPromise();
    const info = (await conn.db!.admin().command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
    ferretdb = info.ferretdbVersion ? `${info.ferretdbVersion} (reports MongoDB ${info.version})` : `MongoDB ${info.version}`;
  } catch {
    // leave unknown
  } finally {
    await conn.close().catch(() => undefined);
  }
  return {
    node: process.version,
    kafka: kafkaVersion(),
    redis,
    ferretdb,
    strapi: packageVersion('@strapi/strapi'),
    kafkajs: packageVersion('kafkajs'),
    socketIo: packageVersion('socket.io'),
    ioredis: packageVersion('ioredis'),
    mongoose: packageVersion('mongoose'),
  };
}

export function gitDescription(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}
