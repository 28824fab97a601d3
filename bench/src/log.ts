/** Progress lines on stderr, so stdout stays free for the final summary. */
const started = Date.now();

export function log(message: string): void {
  const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${elapsed}s] ${message}\n`);
}
