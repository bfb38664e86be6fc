import { defineConfig } from '@playwright/test';
import { slowness } from './e2e/slowness';

/**
 * Browser-mode e2e: each test starts its own `postframe serve` on a fresh library and drives Debian's
 * Chromium (never a downloaded browser). Electron specs live in e2e/electron and skip themselves when the
 * Electron binary is not installed.
 *
 * The default limits are scaled by the machine's slowness (e2e/slowness.ts): the global set-up measures it and
 * the workers, which load this file again after it, inherit it. Steps whose work scales with media length or file
 * count get their own limit (e2e/limits.ts `limitFor`, `waitStep`).
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  timeout: Math.round(90_000 * slowness()),
  expect: { timeout: Math.round(20_000 * slowness()) },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.POSTFRAME_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
});
