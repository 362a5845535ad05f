import { defineConfig } from '@playwright/test';
import supported from '../platform-shim/src/host/supportedHosts.json' with { type: 'json' };
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';

/**
 * End-to-end tests against the real server and the stock OHIF viewer, once per supported
 * host version (platform-shim/src/host/supportedHosts.json). Debian Chromium, headless.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/globalSetup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]] : [['list']],
  outputDir: '../test-results',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: supported.hosts.map(host => ({
    name: `ohif-${host.version}`,
    metadata: { ohifVersion: host.version },
  })),
});
