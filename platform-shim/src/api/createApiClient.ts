import type { IngestBatchResponse } from '../contract/ingest.js';
import type { ClientEvent } from '../contract/events.js';
import type { Case, NextCase } from '../contract/cases.js';
import type { ExportRequest, ExportResponse, ImportRequest, ImportResponse } from '../contract/exports.js';
import type { Label, LabelList } from '../contract/labels.js';
import type { StudyProject, StudyProjectList } from '../contract/projects.js';
import type { Session, SignOutRecorded } from '../contract/session.js';
import { API_BASE, apiPaths } from '../contract/apiPaths.js';
import { showAccessDenied } from '../host/showAccessDenied.js';
import { waitForHostAuthorization } from '../host/waitForHostAuthorization.js';

/** A server answer that was not 2xx, with the server's `{error, message}` when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  getSession(): Promise<Session>;
  /** The study's saved labels, of one project when `projectId` is given. */
  listStudyLabels(StudyInstanceUID: string, projectId?: string): Promise<Label[]>;
  /** The projects that label a study, each with the schema version new labels are made with. */
  listStudyProjects(StudyInstanceUID: string): Promise<StudyProject[]>;
  /** The labeler's next case in a project after `after` (the one just submitted); null when none is left. */
  getNextCase(projectId: string, after?: string): Promise<Case | null>;
  postEvents(clientId: string, events: ClientEvent[], options?: { keepalive?: boolean }): Promise<IngestBatchResponse>;
  /** Tells the server the user signs out (it records `user.logout`); keepalive when the page is unloading. */
  reportSignOut(options?: { keepalive?: boolean }): Promise<void>;
  /** Writes the study's labels of a project as DICOM SR and/or SEG into the server's store (and the site's PACS). */
  exportStudyLabels(StudyInstanceUID: string, request: ExportRequest): Promise<ExportResponse>;
  /** Reads the study's SR and SEG instances back into labels of a project, through label ingest. */
  importStudyLabels(StudyInstanceUID: string, request: ImportRequest): Promise<ImportResponse>;
}

export interface ApiClientOptions {
  /** The API base URL, e.g. https://readingroom.example.org/api/v1; defaults to /api/v1 on the page's origin. */
  apiBase?: string;
  fetch?: typeof fetch;
  /**
   * The Authorization header for each request; by default the signed-in user's access token from
   * the host (OHIF's userAuthenticationService, captured by the host bridge at preRegistration).
   */
  getAuthorizationHeader?: () => Promise<Record<string, string> | undefined>;
  /** Told when the server refuses a read (403) with its reason; by default a host notification. */
  onAccessDenied?: (error: ApiError) => void;
}

/** The only place ReadingRoom plugins talk HTTP to the ReadingRoom server. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const apiBase = (options.apiBase ?? `${globalThis.location?.origin ?? ''}${API_BASE}`).replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const getAuthorizationHeader = options.getAuthorizationHeader ?? (() => waitForHostAuthorization());
  const onAccessDenied = options.onAccessDenied ?? (error => showAccessDenied(error.message));

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const authorization = await getAuthorizationHeader();
    const response = await doFetch(`${apiBase}${path}`, {
      ...init,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...authorization, ...init.headers },
    });
    if (!response.ok) {
      const error = await toApiError(response);
      // A refused read is what the user is looking at: say why. Refused writes show in the sync status.
      if (error.status === 403 && (init.method ?? 'GET') === 'GET') onAccessDenied(error);
      throw error;
    }
    return (await response.json()) as T;
  }

  return {
    getSession: () => request<Session>(apiPaths.session),
    listStudyLabels: async (StudyInstanceUID, projectId) =>
      (await request<LabelList>(apiPaths.studyLabels(StudyInstanceUID, projectId))).labels,
    listStudyProjects: async StudyInstanceUID =>
      (await request<StudyProjectList>(apiPaths.studyProjects(StudyInstanceUID))).projects,
    getNextCase: async (projectId, after) => (await request<NextCase>(apiPaths.nextCase(projectId, after))).case,
    postEvents: (clientId, events, options) =>
      request<IngestBatchResponse>(apiPaths.events, {
        method: 'POST',
        body: JSON.stringify({ clientId, events }),
        keepalive: options?.keepalive ?? false,
      }),
    reportSignOut: async options => {
      await request<SignOutRecorded>(apiPaths.sessionSignOut, { method: 'POST', keepalive: options?.keepalive ?? false });
    },
    exportStudyLabels: (StudyInstanceUID, body) =>
      request<ExportResponse>(apiPaths.studyExports(StudyInstanceUID), { method: 'POST', body: JSON.stringify(body) }),
    importStudyLabels: (StudyInstanceUID, body) =>
      request<ImportResponse>(apiPaths.studyImports(StudyInstanceUID), { method: 'POST', body: JSON.stringify(body) }),
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') code = body.error;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not JSON (a proxy's error page, say): the status line is all we have.
  }
  return new ApiError(response.status, code, message);
}
