import type { AuditRecordFormat } from './audit.js';

/** Where the REST API lives on the ReadingRoom server. */
export const API_BASE = '/api/v1';

const segment = encodeURIComponent;

/** API paths relative to the API base (client: `${apiBase}${path}`; server: `${API_BASE}${path}`). */
export const apiPaths = {
  session: '/session',
  /** The viewer reports that the user signs out (recorded as `user.logout`). */
  sessionSignOut: '/session/sign-out',
  events: '/events',
  openapi: '/openapi.json',
  studyLabels: (StudyInstanceUID: string, projectId?: string) =>
    `/studies/${segment(StudyInstanceUID)}/labels${projectId ? `?projectId=${segment(projectId)}` : ''}`,
  studyLabelVersions: (StudyInstanceUID: string) => `/studies/${segment(StudyInstanceUID)}/label-versions`,
  studyProjects: (StudyInstanceUID: string) => `/studies/${segment(StudyInstanceUID)}/projects`,
  studyExports: (StudyInstanceUID: string) => `/studies/${segment(StudyInstanceUID)}/exports`,
  studyImports: (StudyInstanceUID: string) => `/studies/${segment(StudyInstanceUID)}/imports`,
  labelVersions: (labelId: string) => `/labels/${segment(labelId)}/versions`,
  projects: '/projects',
  project: (projectId: string) => `/projects/${segment(projectId)}`,
  projectStudy: (projectId: string, StudyInstanceUID: string) => `/projects/${segment(projectId)}/studies/${segment(StudyInstanceUID)}`,
  projectSchemas: (projectId: string) => `/projects/${segment(projectId)}/schemas`,
  projectSchema: (projectId: string, version: number | 'latest') => `/projects/${segment(projectId)}/schemas/${version}`,
  projectCases: (projectId: string) => `/projects/${segment(projectId)}/cases`,
  nextCase: (projectId: string, after?: string) => `/projects/${segment(projectId)}/cases/next${after ? `?after=${segment(after)}` : ''}`,
  timingReport: '/reports/timing',
  auditLatestCheckpoint: '/audit/checkpoints/latest',
  auditConsistencyProof: (from: number, to?: number) => `/audit/consistency-proof?from=${from}${to === undefined ? '' : `&to=${to}`}`,
  auditRecord: (seq: number, format?: AuditRecordFormat) => `/audit/records/${seq}${format ? `?format=${format}` : ''}`,
  auditInclusionProof: (seq: number, treeSize?: number) => `/audit/records/${seq}/inclusion-proof${treeSize === undefined ? '' : `?treeSize=${treeSize}`}`,
  auditTrail: (target: { sopInstanceUid: string } | { studyInstanceUid: string }, after?: number) =>
    `/audit/trail?${'sopInstanceUid' in target ? `sopInstanceUid=${segment(target.sopInstanceUid)}` : `studyInstanceUid=${segment(target.studyInstanceUid)}`}${after === undefined ? '' : `&after=${after}`}`,
  projectMembers: (projectId: string) => `/projects/${segment(projectId)}/members`,
  projectMember: (projectId: string, userId: string) => `/projects/${segment(projectId)}/members/${segment(userId)}`,
  projectAssignments: (projectId: string) => `/projects/${segment(projectId)}/assignments`,
  caseAssignee: (projectId: string, StudyInstanceUID: string, userId: string) =>
    `/projects/${segment(projectId)}/cases/${segment(StudyInstanceUID)}/assignees/${segment(userId)}`,
  users: '/users',
  breakGlass: '/break-glass',
} as const;
