import type { LabelSchemaDefinition } from '@readingroom/platform-shim';
import type { ProjectStore } from '../../stores/labeling/createProjectStore.js';

export interface SchemaCache {
  /** Resolves these (project, version) pairs, reading only those not cached yet. */
  resolve(store: ProjectStore, wanted: ReadonlyArray<{ projectId: string; version: number }>): Promise<void>;
  get(projectId: string, version: number): LabelSchemaDefinition | undefined;
  /** Resolves which of these projects exist, reading only those not known yet. */
  resolveProjects(store: ProjectStore, projectIds: readonly string[]): Promise<void>;
  hasProject(projectId: string): boolean;
}

/**
 * Schema versions are immutable and projects are never deleted, so what was found once stays
 * true on every server process: found schemas and projects are cached for the life of the
 * process, misses are asked again (a version may have been added since).
 */
export function createSchemaCache(): SchemaCache {
  const schemas = new Map<string, LabelSchemaDefinition>();
  const projects = new Set<string>();
  const key = (projectId: string, version: number) => `${projectId}@${version}`;
  return {
    async resolve(store, wanted) {
      const missing = new Map(wanted.filter(w => !schemas.has(key(w.projectId, w.version))).map(w => [key(w.projectId, w.version), w]));
      for (const [k, w] of missing) {
        const schema = await store.getSchema(w.projectId, w.version);
        if (schema) schemas.set(k, schema.definition);
      }
    },
    get: (projectId, version) => schemas.get(key(projectId, version)),
    async resolveProjects(store, projectIds) {
      const missing = projectIds.filter(id => !projects.has(id));
      if (missing.length > 0) for (const id of await store.findProjects(missing)) projects.add(id);
    },
    hasProject: projectId => projects.has(projectId),
  };
}
