import { parseAppEnv } from '../../src/config/app-env';

/** The app's settings in tests: the real parser, fed from process.env (a test may point it at its own server). */
export const env = parseAppEnv(process.env);
