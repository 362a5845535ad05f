import { getDemoStudyGenerator } from '../../demo/generateDemoStudies.js';
import { demoProjects } from '../../demo/schemas/demoProjects.js';
import { DEMO_SEEDER } from '../../identity/identityPlugin.js';
import type { ProjectService } from './createProjectService.js';

/**
 * Seeds the demo projects on first start: each project that does not exist yet is created with
 * its schema as version 1 and its demo studies. Existing projects are left alone, so a restart
 * (or an admin's later schema versions) is never overwritten. Answers the ids seeded now.
 */
export async function seedDemoProjects(projectService: ProjectService, options: { seed: number }): Promise<string[]> {
  const seeded: string[] = [];
  for (const demo of demoProjects) {
    if (await projectService.getProject(DEMO_SEEDER, demo.projectId)) continue;
    await projectService.saveProject(DEMO_SEEDER, demo.projectId, { title: demo.title, description: demo.description });
    await projectService.createSchema(DEMO_SEEDER, demo.projectId, demo.schema);
    for (const key of demo.studies) {
      await projectService.addStudy(DEMO_SEEDER, demo.projectId, getDemoStudyGenerator(key).describe({ seed: options.seed }).StudyInstanceUID);
    }
    seeded.push(demo.projectId);
  }
  return seeded;
}
