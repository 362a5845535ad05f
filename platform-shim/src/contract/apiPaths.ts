/** Paths of the REST API, relative to the server origin. One place for client and server. */
export const API_BASE = '/api/v1';

export const apiPaths = {
  session: `${API_BASE}/session`,
  events: `${API_BASE}/events`,
  studyLabels: (StudyInstanceUID: string) =>
    `${API_BASE}/studies/${encodeURIComponent(StudyInstanceUID)}/labels`,
  openapi: `${API_BASE}/openapi.json`,
} as const;
