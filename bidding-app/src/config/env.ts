import { parseAppEnv } from './app-env';

export const env = parseAppEnv(import.meta.env);
