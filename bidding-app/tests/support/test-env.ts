import { parseAppEnv, type AppEnv } from '../../src/config/app-env';

/**
 * The app's settings in tests: the real parser, fed from process.env and read
 * when used, so a test can point the app at a server it started.
 */
export const env: AppEnv = {
  get cmsUrl() {
    return parseAppEnv(process.env).cmsUrl;
  },
  get realtimeUrl() {
    return parseAppEnv(process.env).realtimeUrl;
  },
  get notifierUrl() {
    return parseAppEnv(process.env).notifierUrl;
  },
};
