/** Re-renders BENCHMARKS.md from a results file: node bench/dist/report/render.js [results.json] */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, RESULTS_DIR } from '../paths';
import { renderMarkdown } from './markdown';
import type { BenchResults } from './results';

export function writeReports(results: BenchResults): { json: string; markdown: string } {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const json = path.join(RESULTS_DIR, 'latest.json');
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = path.join(REPO_ROOT, 'BENCHMARKS.md');
  fs.writeFileSync(markdown, `${renderMarkdown(results)}\n`);
  return { json, markdown };
}

if (require.main === module) {
  const file = process.argv[2] ?? path.join(RESULTS_DIR, 'latest.json');
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
  const markdown = path.join(REPO_ROOT, 'BENCHMARKS.md');
  fs.writeFileSync(markdown, `${renderMarkdown(results)}\n`);
  process.stdout.write(`wrote ${markdown}\n`);
}
