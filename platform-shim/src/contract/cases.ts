import { Type, type Static } from '@sinclair/typebox';
import { Slug } from './coding.js';
import { Timestamp, Uid } from './common.js';

/** A study to be labeled in a project, as the calling labeler sees it. */
export const CASE_STATUSES = ['not-started', 'in-progress', 'submitted'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const Case = Type.Object({
  projectId: Slug,
  StudyInstanceUID: Uid,
  status: Type.Union(CASE_STATUSES.map(s => Type.Literal(s))),
  labelCount: Type.Integer({ minimum: 0 }),
  submittedAt: Type.Optional(Timestamp),
});
export type Case = Static<typeof Case>;

export const CaseList = Type.Object({ cases: Type.Array(Case) });
export type CaseList = Static<typeof CaseList>;

/** The case to open after submitting one; null when the labeler has none left. */
export const NextCase = Type.Object({ case: Type.Union([Case, Type.Null()]) });
export type NextCase = Static<typeof NextCase>;

/** `GET /projects/{projectId}/cases/next?after={uid}`: the case after the one just submitted. */
export const NextCaseQuery = Type.Object({ after: Type.Optional(Uid) }, { additionalProperties: false });
export type NextCaseQuery = Static<typeof NextCaseQuery>;
