import path from 'node:path';

// Compiled to bench/dist/, so the repository is two levels up from this file.
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const BENCH_DIR = path.join(REPO_ROOT, 'bench');
/** The bench's own broker data and service records (git-ignored). */
export const BENCH_DATA_DIR = path.join(BENCH_DIR, '.data');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
export const CHILD_LOG_DIR = path.join(RESULTS_DIR, 'logs');
export const PROFILE_DIR = path.join(RESULTS_DIR, 'profiles');
export const CMS_DIR = path.join(REPO_ROOT, 'cms');
export const STRAPI_BIN = path.join(REPO_ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
export const WORKER_MAIN = path.join(REPO_ROOT, 'stream-worker', 'dist', 'main.js');
