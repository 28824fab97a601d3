import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const port = Number(process.env.APP_PORT ?? 3000);
const host = process.env.APP_HOST ?? '127.0.0.1';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The contracts workspace is compiled to CommonJS for Node; the app takes its
    // TypeScript source so Vite bundles it as ES modules.
    alias: { '@car-auction/contracts': fileURLToPath(new URL('../contracts/src/index.ts', import.meta.url)) },
  },
  server: { host, port, strictPort: true },
  preview: { host, port, strictPort: true },
  build: { outDir: process.env.APP_OUT_DIR ?? 'dist', emptyOutDir: true, sourcemap: true },
});
