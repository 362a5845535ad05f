import { expect, type Browser, type Page } from '@playwright/test';
import { findFreePort } from '../../support/findFreePort';
import { startServer, type RunningServer } from '../../support/startServer';

export interface IdentityServer {
  /** http://localhost:<port>, as `npm start` prints it and as the demo issuer names it. */
  baseURL: string;
  server: RunningServer;
}

/** `readingroom serve` as `npm start` runs it: the demo identity provider, demo studies, projects, members and assignments. */
export async function startIdentityServer(ohifVersion: string): Promise<IdentityServer> {
  const port = await findFreePort();
  const server = await startServer({ ohifVersion, env: { PORT: String(port), IDENTITY: 'demo' } });
  return { baseURL: `http://localhost:${port}`, server };
}

/** Signs in on the demo provider's real sign-in page, from wherever the viewer sent the browser. */
export async function signIn(page: Page, username: string, password = 'demo') {
  await expect(page.getByRole('heading', { name: 'Sign in to ReadingRoom' })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The access token OHIF's sign-in keeps for the page (oidc-client-ts, session storage): for API calls of the test itself. */
export async function readAccessToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i)!;
      if (key.startsWith('oidc.user:')) return (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token;
    }
    return undefined;
  });
  if (!token) throw new Error('no signed-in user in this page');
  return token;
}

/** A fresh browser context signed in as a demo user, on the study list. */
export async function openSignedIn(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page, username);
  await expect(page).toHaveURL(`${baseURL}/`, { timeout: 60_000 });
  return page;
}
