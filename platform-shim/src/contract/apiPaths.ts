/** Where the REST API lives on the ReadingRoom server. */
export const API_BASE = '/api/v1';

/** API paths relative to the API base (client: `${apiBase}${path}`; server: `${API_BASE}${path}`). */
export const apiPaths = {
  session: '/session',
  events: '/events',
  studyLabels: (StudyInstanceUID: string) => `/studies/${encodeURIComponent(StudyInstanceUID)}/labels`,
  openapi: '/openapi.json',
} as const;
