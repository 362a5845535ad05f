import { test as base, expect, type Page } from '@playwright/test';

export interface ServerUnderTest {
  ohifVersion: string;
  baseURL: string;
  dataDir: string;
}

/** Each test runs against the server of its project's OHIF host version; console errors are collected. */
export const test = base.extend<{ server: ServerUnderTest; consoleErrors: string[] }>({
  server: async ({}, use, testInfo) => {
    const ohifVersion = String(testInfo.project.metadata.ohifVersion);
    const servers = JSON.parse(process.env.RR_E2E_SERVERS ?? '{}') as Record<string, Omit<ServerUnderTest, 'ohifVersion'>>;
    const server = servers[ohifVersion];
    if (!server) throw new Error(`no server was started for OHIF ${ohifVersion}`);
    await use({ ohifVersion, ...server });
  },
  baseURL: async ({ server }, use) => use(server.baseURL),
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', error => errors.push(error.message));
    await use(errors);
  },
});

export { expect };
export type { Page };
