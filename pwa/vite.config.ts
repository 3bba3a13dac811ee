import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Colours of the manifest match the design tokens in src/styles/tokens.css.
const THEME = '#0b3d6e';
const BACKGROUND = '#fbfaf7';

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      // Our own service worker (src/sw/sw.ts); Workbox only injects the precache list.
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // The page registers it with workbox-window (src/sw/register.ts) and asks before updating.
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        rollupFormat: 'iife',
      },
      manifest: {
        id: '/',
        name: 'Stepwise',
        short_name: 'Stepwise',
        description: 'Supported employment: your shifts, tasks and goals, one step at a time.',
        lang: 'en',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME,
        background_color: BACKGROUND,
        categories: ['productivity', 'education'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
        shortcuts: [
          {
            name: 'Home',
            short_name: 'Home',
            url: '/',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'My tasks',
            short_name: 'Tasks',
            url: '/tasks',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'My passkeys',
            short_name: 'Passkeys',
            url: '/passkeys',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    // The polyfill is for browsers without <link rel=modulepreload>; every browser with
    // passkeys has it.
    modulePreload: { polyfill: false },
  },
});
