import { Type, type Static } from '@sinclair/typebox';
import { Slug } from './coding.js';
import { Timestamp, Uid } from './common.js';
import { LabelSchema, Project } from './labelSchema.js';

/** What a project admin sends to create or update a project (`PUT /projects/{projectId}`). */
export const ProjectInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ProjectInput = Static<typeof ProjectInput>;

export const ProjectList = Type.Object({ projects: Type.Array(Project) });
export type ProjectList = Static<typeof ProjectList>;

/** A project that labels a study, with the schema version new labels are made with (null until it has one). */
export const StudyProject = Type.Object({
  project: Project,
  schema: Type.Union([LabelSchema, Type.Null()]),
});
export type StudyProject = Static<typeof StudyProject>;

export const StudyProjectList = Type.Object({ projects: Type.Array(StudyProject) });
export type StudyProjectList = Static<typeof StudyProjectList>;

/** A study's membership in a project, as `PUT /projects/{projectId}/studies/{uid}` answers it. */
export const ProjectStudy = Type.Object({
  projectId: Slug,
  StudyInstanceUID: Uid,
  addedAt: Timestamp,
});
export type ProjectStudy = Static<typeof ProjectStudy>;
