// No .js suffix: jest's moduleNameMapper does not apply to globalSetup.
import { dropStaleTestSchemas } from './postgresTestSchemas.ts'; // jest's globalSetup has no moduleNameMapper

/** Before the PostgreSQL test run: fails early if PostgreSQL is down, and removes schemas that killed runs left. */
export default async function postgresGlobalSetup(): Promise<void> {
  await dropStaleTestSchemas();
}
