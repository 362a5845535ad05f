import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { readNewestRecords } from '../support/auditTrail';
import { viewportPixelStats } from '../support/viewer';
import { openSignedIn, readAccessToken, startIdentityServer, type IdentityServer } from './support/identityServer';

// npm start's default: the viewer signs in with the demo OpenID Connect provider (authorization
// code + PKCE), the server checks every API and DICOMweb request's token and the user's role,
// project membership and case assignment.
let running: IdentityServer;
let ctStudy: string;
/** A site admin's access token: site admins may read the audit ledger. */
let adminToken: string;

// The demo studies' descriptions, as the study list shows them.
const CT = 'CT CHEST WITHOUT CONTRAST';
const CT_PRIOR = 'CT CHEST WITHOUT CONTRAST (PRIOR)';
const XR = 'XR CHEST PA AND LATERAL';
const OTHERS = ['MG SCREENING BILATERAL', 'MR BRAIN WITHOUT CONTRAST', 'US ECHO TRANSTHORACIC'];

/** The study list shows these studies and none of the others (waits for the first to appear). */
async function expectStudyList(page: Page, shown: string[], hidden: string[]) {
  await expect(page.getByText(shown[0]!, { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  for (const description of shown) await expect(page.getByText(description, { exact: true })).toHaveCount(1);
  for (const description of hidden) await expect(page.getByText(description, { exact: true })).toHaveCount(0);
}

/** The kinds of the access records (access.denied, security.*) of one user in the CT's audit trail, oldest first. */
async function accessRecordsOf(page: Page, token: string, userId: string): Promise<string[]> {
  const kinds: string[] = [];
  for (let after = 0; ; ) {
    const response = await page.request.get(`/api/v1/audit/trail?studyInstanceUid=${ctStudy}&limit=1000&after=${after}`, { headers: { authorization: `Bearer ${token}` } });
    const trail = (await response.json()) as { entries: Array<{ activity: string; record: { kind: string; actor: { userId: string } } }>; next?: number };
    kinds.push(...trail.entries.filter(e => e.activity === 'access' && e.record.actor.userId === userId).map(e => e.record.kind));
    if (trail.next === undefined) return kinds;
    after = trail.next;
  }
}

/** The spread of the first viewport's pixels; 0 while the page is (re)loading. */
const pixelSpread = async (page: Page) => (await viewportPixelStats(page).catch(() => ({ stdDev: 0 }))).stdDev;

test.beforeAll(async ({ browser }, testInfo) => {
  running = await startIdentityServer(String(testInfo.project.metadata.ohifVersion));
  // The site admin may query every study: find the demo CT's UID with their token.
  const admin = await openSignedIn(browser, running.baseURL, 'site-admin');
  const token = await readAccessToken(admin);
  adminToken = token;
  const studies = (await (await admin.request.get(`${running.baseURL}/dicomweb/studies?includefield=00081030`, { headers: { accept: 'application/dicom+json', authorization: `Bearer ${token}` } })).json()) as Array<Record<string, { Value?: unknown[] }>>;
  ctStudy = String(studies.find(s => s['00081030']?.Value?.[0] === CT)!['0020000D']!.Value![0]);
  await admin.context().close();
});
test.afterAll(async () => running?.server.stop());

test('a labeler signs in on the real sign-in page, sees the studies of their project only and opens the assigned CT to label it', async ({ browser }) => {
  const page = await openSignedIn(browser, running.baseURL, 'labeler');
  // The study list (QIDO with the token) shows the lung project's CTs, not the XR, MG, MR or US.
  await expectStudyList(page, [CT, CT_PRIOR], [XR, ...OTHERS]);
  // The server recorded the sign-in at the session's first request (any provider; here the demo one).
  const userRecords = async (count: number) =>
    (await readNewestRecords(page.request, { authorization: `Bearer ${adminToken}` }, count))
      .filter(r => r.actor.userId === 'demo-labeler' && r.kind.startsWith('user.'))
      .map(r => ({ kind: r.kind, session: r.detail.signInSession }));
  const [login] = await userRecords(100);
  expect(login).toEqual({ kind: 'user.login', session: expect.stringMatching(/^[0-9a-f]{64}$/) });

  await page.goto(`/labeling?StudyInstanceUIDs=${ctStudy}`);
  await expect(page.getByTestId('rr-labels-panel')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('rr-current-user')).toContainText('Lena Labeler');
  await expect(page.getByTestId('rr-project')).toHaveAttribute('data-project-id', 'lung-nodules-ct');
  await expect(page.getByTestId('rr-sync-status')).toHaveAttribute('data-state', 'synced');
  await expect.poll(() => pixelSpread(page), { timeout: 90_000 }).toBeGreaterThan(20);

  // Signing out in OHIF (its menu, then the provider's end-session page): the ledger has the
  // sign-out of that sign-in, reported by the viewer as the page leaves.
  // OHIF's settings menu (the gear at the right of the header).
  await page.locator('button[aria-haspopup="menu"]:has(g#icon-settings)').click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await expect(page).not.toHaveURL(/\/labeling/, { timeout: 30_000 });
  await expect.poll(async () => (await userRecords(20))[0], { timeout: 30_000 }).toEqual({ kind: 'user.logout', session: login!.session });
  await page.context().close();
});

test('a labeler of another project is told clearly that the study is not theirs, and sees no image', async ({ browser }) => {
  const page = await openSignedIn(browser, running.baseURL, 'labeler-cr');
  // Their study list has their project's radiograph only.
  await expectStudyList(page, [XR], [CT, CT_PRIOR, ...OTHERS]);

  // A link to the CT: the server's reason, shown by the viewer; no image.
  await page.goto(`/labeling?StudyInstanceUIDs=${ctStudy}`);
  await expect(page.getByText('this study is not part of a project you are a member of').first()).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('[data-cy="study-not-found-message"]')).toBeVisible();
  expect((await viewportPixelStats(page)).stdDev).toBe(0);
  const token = await readAccessToken(page);
  const metadata = await page.request.get(`/dicomweb/studies/${ctStudy}/metadata`, { headers: { accept: 'application/dicom+json', authorization: `Bearer ${token}` } });
  expect([metadata.status(), (await metadata.json()).message]).toEqual([403, 'Not allowed (dicomweb.retrieve): this study is not part of a project you are a member of']);
  await page.context().close();
});

test('an auditor sees no pixel data until break-glass, which then shows the study for a limited time', async ({ browser }) => {
  const page = await openSignedIn(browser, running.baseURL, 'auditor');
  const token = await readAccessToken(page);
  const headers = { accept: 'application/dicom+json', authorization: `Bearer ${token}` };
  const refused = await page.request.get(`/dicomweb/studies/${ctStudy}/metadata`, { headers });
  expect([refused.status(), (await refused.json()).message]).toEqual([403, expect.stringContaining('auditors see no images without break-glass')]);
  await page.goto(`/labeling?StudyInstanceUIDs=${ctStudy}`);
  await expect(page.getByText('auditors see no images without break-glass').first()).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('[data-cy="study-not-found-message"]')).toBeVisible();
  expect((await viewportPixelStats(page)).stdDev).toBe(0);

  const grant = await page.request.post('/api/v1/break-glass', { headers: { authorization: `Bearer ${token}` }, data: { StudyInstanceUID: ctStudy, reason: 'Incident review requested by the privacy officer' } });
  expect(grant.status()).toBe(201);
  const { expiresAt, grantedAt } = await grant.json();
  expect(Date.parse(expiresAt) - Date.parse(grantedAt)).toBe(60 * 60_000);

  // The study list now has the granted study, and nothing else.
  await page.goto('/');
  await expectStudyList(page, [CT], [CT_PRIOR, XR, ...OTHERS]);
  await page.goto(`/labeling?StudyInstanceUIDs=${ctStudy}`);
  await expect.poll(() => pixelSpread(page), { timeout: 90_000 }).toBeGreaterThan(20);

  // The study's audit trail, as the auditor reads it: their refusals (the request above and the
  // viewer's, as many as the host made), then the break-glass alert, and no refusal since.
  const collapsed = (kinds: string[]) => kinds.filter((kind, i) => kind !== kinds[i - 1]);
  await expect.poll(async () => collapsed(await accessRecordsOf(page, token, 'demo-auditor')), { timeout: 30_000 }).toEqual(['access.denied', 'security.break-glass']);
  expect((await accessRecordsOf(page, token, 'demo-auditor')).filter(kind => kind === 'access.denied').length).toBeGreaterThanOrEqual(2);
  await page.context().close();
});

test('a reviewer of both demo projects finds the studies of both, and no other', async ({ browser }) => {
  const page = await openSignedIn(browser, running.baseURL, 'reviewer');
  await expectStudyList(page, [CT, CT_PRIOR, XR], OTHERS);
  await page.context().close();
});

test("a site admin finds every study, but a study's images need a project role: opening the CT is refused with the reason", async ({ browser }) => {
  const page = await openSignedIn(browser, running.baseURL, 'site-admin');
  await expectStudyList(page, [CT, CT_PRIOR, XR, ...OTHERS], []);
  await page.goto(`/labeling?StudyInstanceUIDs=${ctStudy}`);
  await expect(page.getByText('this study is not part of a project you are a member of').first()).toBeVisible({ timeout: 90_000 });
  expect((await viewportPixelStats(page)).stdDev).toBe(0);
  await page.context().close();
});
