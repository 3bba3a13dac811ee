// Unit tests of the PWA's pure helpers (dates, words) in Node: no browser, no server.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
