import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app runs under a strict CSP (tauri.conf.json): everything must be a file from 'self'.
export default defineConfig({
  plugins: [svelte()],
  // Tauri expects a fixed port in dev and shows Rust errors in the terminal.
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK 2.4x on Debian 12 is roughly Safari 15/16.
    target: 'safari15',
    // Never inline fonts or images as data: URIs: font-src allows only 'self'.
    assetsInlineLimit: 0,
    // The polyfill is not needed in WebKit and keeps the HTML free of anything inline.
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
