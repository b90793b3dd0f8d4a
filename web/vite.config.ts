import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The config may be loaded from the repository root (`vite build --config web/vite.config.ts`),
// so the root is pinned to this folder rather than taken from the working directory.
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inline data: assets would need extra CSP allowances; keep every asset a file from 'self'.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': apiServer,
      // /auth/magic is a page of this app (the link in the sign-in e-mail), so it stays here.
      '^/auth/(?!magic(?:[/?#]|$))': apiServer,
    },
  },
});
