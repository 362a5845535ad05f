import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ApiError, createApiClient } from './createApiClient';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = createApiClient({ apiBase: 'https://rr.example/api/v1' });

describe('createApiClient: DICOM export and import', () => {
  it('posts an export request to the study and returns the new instances with per-destination results', async () => {
    let body: unknown;
    const answer = {
      StudyInstanceUID: '1.2.3',
      projectId: 'lung',
      instances: [{ format: 'sr', SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.34', SOPInstanceUID: '2.25.1', SeriesInstanceUID: '2.25.2', labelIds: [], size: 10 }],
      destinations: [{ destination: 'pacs', SOPInstanceUID: '2.25.1', status: 'failed', message: 'PACS answered 503' }],
      problems: [],
      skipped: [],
      complete: false,
    };
    server.use(
      http.post('https://rr.example/api/v1/studies/1.2.3/exports', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(answer, { status: 201 });
      }),
    );
    expect(await api.exportStudyLabels('1.2.3', { projectId: 'lung', formats: ['sr', 'seg'] })).toEqual(answer);
    expect(body).toEqual({ projectId: 'lung', formats: ['sr', 'seg'] });
  });

  it('posts an import request and turns a refusal into an ApiError with the server reason', async () => {
    server.use(
      http.post('https://rr.example/api/v1/studies/1.2.3/imports', () =>
        HttpResponse.json({ error: 'pacs_not_configured', message: 'No PACS is configured (PACS_DICOMWEB_URL)' }, { status: 409 }),
      ),
    );
    const failure = api.importStudyLabels('1.2.3', { projectId: 'lung', source: 'pacs' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 409, code: 'pacs_not_configured' });
  });
});
