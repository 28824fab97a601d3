import path from 'node:path';

interface ViteConfig {
  resolve?: { alias?: Record<string, string> | Array<{ find: string | RegExp; replacement: string }> };
  [key: string]: unknown;
}

const CONTRACTS_SOURCE = path.resolve(__dirname, '..', '..', '..', 'contracts', 'src', 'index.ts');

/**
 * The contracts workspace is compiled to CommonJS for Node; the panel's code
 * (the money field, the live feed) takes its TypeScript source, as the bidding
 * app does, so Vite bundles it as ES modules.
 */
export default (config: ViteConfig): ViteConfig => {
  const alias = config.resolve?.alias;
  const contracts = { find: '@car-auction/contracts', replacement: CONTRACTS_SOURCE };
  return {
    ...config,
    resolve: {
      ...config.resolve,
      alias: Array.isArray(alias) ? [...alias, contracts] : { ...alias, [contracts.find]: contracts.replacement },
    },
  };
};
