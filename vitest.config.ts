import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // End-to-end tests run real OpenSCAD renders; these are limits against hangs, not performance checks.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
