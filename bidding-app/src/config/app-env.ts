import { z } from 'zod';

const baseUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

/** The app's settings, from `VITE_` variables at build time; every one has a working default. */
const appEnvSchema = z.object({
  VITE_CMS_URL: baseUrl.default('http://localhost:1337'),
  VITE_REALTIME_URL: baseUrl.default('http://localhost:4000'),
  VITE_NOTIFIER_URL: baseUrl.default('http://localhost:4100'),
});

export interface AppEnv {
  /** The Strapi cms: REST API and uploaded photos. */
  cmsUrl: string;
  /** The stream worker's Socket.IO gateway. */
  realtimeUrl: string;
  /** The notifier's REST API: notifications, email preferences, the watchlist and "My bids". */
  notifierUrl: string;
}

/** Throws a message naming every bad variable, so a misbuilt app fails at start, not at first use. */
export function parseAppEnv(raw: Record<string, unknown>): AppEnv {
  const parsed = appEnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid app settings: ${problems}`);
  }
  return { cmsUrl: parsed.data.VITE_CMS_URL, realtimeUrl: parsed.data.VITE_REALTIME_URL, notifierUrl: parsed.data.VITE_NOTIFIER_URL };
}
