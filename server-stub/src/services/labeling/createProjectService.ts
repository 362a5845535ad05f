import { validateLabelSchemaDefinition, type LabelSchema, type Project, type ProjectInput, type ProjectStudy, type SessionUser, type StudyProject } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';
import type { LabelingStores } from '../../stores/labeling/createLabelingStores.js';
import { isInScope, UNRESTRICTED, type AccessScopes, type Authorize } from './authorize.js';

export interface ProjectService {
  listProjects(user: SessionUser): Promise<Project[]>;
  getProject(user: SessionUser, projectId: string): Promise<Project | null>;
  saveProject(user: SessionUser, projectId: string, input: ProjectInput): Promise<{ project: Project; created: boolean }>;
  /** Validates and stores the next schema version; 400 with the precise errors when invalid. */
  createSchema(user: SessionUser, projectId: string, definition: unknown): Promise<LabelSchema>;
  getSchema(user: SessionUser, projectId: string, version: number | 'latest'): Promise<LabelSchema | null>;
  listStudyProjects(user: SessionUser, StudyInstanceUID: string): Promise<StudyProject[]>;
  addStudy(user: SessionUser, projectId: string, StudyInstanceUID: string): Promise<ProjectStudy>;
  removeStudy(user: SessionUser, projectId: string, StudyInstanceUID: string): Promise<void>;
}

/** Projects, the studies they label and their schema versions (immutable once stored). */
export function createProjectService(deps: { stores: LabelingStores; authorize: Authorize; scopes?: AccessScopes; now?: () => Date }): ProjectService {
  const { stores, authorize } = deps;
  const scopes = deps.scopes ?? UNRESTRICTED;
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const requireProject = async (projectId: string) => {
    const project = await stores.projects.getProject(projectId);
    if (!project) throw new HttpError(404, 'not_found', `No project "${projectId}"`);
    return project;
  };

  return {
    async listProjects(user) {
      await authorize(user, 'project.read');
      const visible = await scopes.projectsFor(user, 'project.read');
      return (await stores.projects.listProjects()).filter(p => isInScope(visible, p.projectId));
    },

    async getProject(user, projectId) {
      await authorize(user, 'project.read', { projectId });
      return (await stores.projects.getProject(projectId)) ?? null;
    },

    async saveProject(user, projectId, input) {
      await authorize(user, 'project.write', { projectId });
      const { created } = await stores.projects.saveProject({ projectId, ...input }, user.id, now());
      return { project: (await stores.projects.getProject(projectId))!, created };
    },

    async createSchema(user, projectId, definition) {
      await authorize(user, 'schema.write', { projectId });
      const validation = validateLabelSchemaDefinition(definition);
      if (!validation.ok) {
        throw new HttpError(400, 'invalid_schema', `The label schema is invalid: ${validation.errors.length} problem(s), listed in details`, validation.errors);
      }
      await requireProject(projectId);
      // Versions are numbered per project: concurrent creations take turns.
      return stores.transaction(async tx => {
        await tx.lock(`schemas ${projectId}`);
        return tx.projects.insertSchema(projectId, validation.value, user.id, now());
      });
    },

    async getSchema(user, projectId, version) {
      await authorize(user, 'project.read', { projectId });
      return (await stores.projects.getSchema(projectId, version)) ?? null;
    },

    async listStudyProjects(user, StudyInstanceUID) {
      await authorize(user, 'project.read', { StudyInstanceUID });
      const visible = await scopes.projectsFor(user, 'labels.read', StudyInstanceUID);
      return (await stores.projects.listStudyProjects(StudyInstanceUID)).filter(p => isInScope(visible, p.project.projectId));
    },

    async addStudy(user, projectId, StudyInstanceUID) {
      await authorize(user, 'project.write', { projectId, StudyInstanceUID });
      await requireProject(projectId);
      return stores.projects.addStudy(projectId, StudyInstanceUID, user.id, now());
    },

    async removeStudy(user, projectId, StudyInstanceUID) {
      await authorize(user, 'project.write', { projectId, StudyInstanceUID });
      await requireProject(projectId);
      if (!(await stores.projects.removeStudy(projectId, StudyInstanceUID))) throw new HttpError(404, 'not_found', `The study is not part of project "${projectId}"`);
    },
  };
}
