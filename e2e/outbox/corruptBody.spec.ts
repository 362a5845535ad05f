import { expect, test } from '../support/fixtures';
import { findDemoStudy } from '../support/viewer';
import { verifyAfterFault } from './support/faultChecks';
import { openLabelingStudy, readOutboxContents } from './support/outboxContents';

test.describe('Outbox: a request body corrupted on the way', () => {
  test('the server answers 400, the Labels panel shows the error, the changes are kept and delivered once the corruption stops', async ({ page, request, server }) => {
    // Two viewer loads and the outbox's backoff (up to 30 s) on a shared 2-core machine.
    test.slow();
    const StudyInstanceUID = await findDemoStudy(request, 'CT CHEST WITHOUT CONTRAST');
    const events = `${server.baseURL}/api/v1/events`;
    let corrupting = true;
    const answers: number[] = [];
    // Half the body is lost on the way: the server gets truncated JSON.
    await page.context().route(events, async route => {
      const body = route.request().postData() ?? '';
      const response = await route.fetch(corrupting ? { postData: body.slice(0, Math.floor(body.length / 2)) } : {});
      answers.push(response.status());
      await route.fulfill({ response });
    });

    await openLabelingStudy(page, StudyInstanceUID);
    const status = page.getByTestId('rr-sync-status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toContainText(/^Server refused the changes: .+ \(\d+ changes? kept, retrying\)$/);
    expect(answers).toContain(400);
    const { clientId, pendingEventIds } = await readOutboxContents(page);
    expect(pendingEventIds.length).toBeGreaterThan(0);

    corrupting = false;
    await expect(status).toHaveAttribute('data-state', 'synced', { timeout: 90_000 });
    expect(answers.at(-1)).toBe(200);
    await verifyAfterFault({ baseURL: server.baseURL, dataDir: server.dataDir, clientId: clientId!, eventIds: pendingEventIds });
  });
});
