import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'renderer/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['scripts/vitest-setup.ts'],
    // sharp and better-sqlite3 are native: separate processes are the safe pool for them.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
