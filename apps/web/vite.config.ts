import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { compressAndMeasure } from './build/compress-and-measure.ts';

const apiTarget = process.env.HAVEN_API_URL ?? 'http://localhost:3000';

/** The web front end; `npm run build:web` writes apps/web/dist, which the API serves at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // TanStack Query marks files "use client" for React Server Components; this app has none.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  plugins: [
    compressAndMeasure(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Haven',
        short_name: 'Haven',
        description: 'Volunteer with NGOs in refugee camps.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f7f5f0',
        theme_color: '#1f5f5b',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/admin\/queues/, /^\/health\//],
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['**/size-report.json'],
        cleanupOutdatedCaches: true,
        // Take charge of the page that installed it, so the first visit already works offline.
        clientsClaim: true,
      },
    }),
  ],
});
