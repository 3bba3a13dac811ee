import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Colours of the manifest match the design tokens in src/styles/tokens.css.
const THEME = '#0b3d6e';
const BACKGROUND = '#fbfaf7';

/**
 * The English words of the screens only a signed-in person opens (these prefixes) come in a
 * chunk of their own, `virtual:en-more`, loaded once someone is signed in (i18n `loadMore`):
 * the sign-in page carries only the rest (its budget: 60 KB of JavaScript, docs/benchmarks.md).
 * The other languages are whole chunks, loaded on demand already.
 */
const LATER = [
  'profile.', 'agreements.', 'workplace.', 'builder.', 'opportunities.', 'activity.', 'journey.',
  'pta.', 'ptaEdit.', 'fading.', 'handover.', 'jobs.', 'training.', 'contacts.', 'employers.',
  'mydata.', 'gas.', 'outcomes.',
];
const MORE = 'virtual:en-more';

function englishInTwo(): Plugin {
  const split = (id: string) => {
    const all = JSON.parse(readFileSync(id.split('?')[0] ?? id, 'utf8')) as Record<string, unknown>;
    const later = (key: string) => LATER.some((prefix) => key.startsWith(prefix));
    return {
      now: Object.fromEntries(Object.entries(all).filter(([key]) => !later(key))),
      more: Object.fromEntries(Object.entries(all).filter(([key]) => later(key))),
    };
  };
  const english = new URL('./src/i18n/en.json', import.meta.url).pathname;
  return {
    name: 'stepwise-english-in-two',
    enforce: 'pre',
    resolveId: (id) => (id === MORE ? `\0${MORE}` : null),
    load(id) {
      if (id === `\0${MORE}`) return `export default ${JSON.stringify(split(english).more)};`;
      if (id.split('?')[0] === english) return JSON.stringify(split(english).now);
      return null;
    },
  };
}

export default defineConfig({
  plugins: [
    englishInTwo(),
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
