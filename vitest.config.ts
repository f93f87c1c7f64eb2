import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests start and restart bot processes; on a busy 2-CPU machine one start can take 10 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
