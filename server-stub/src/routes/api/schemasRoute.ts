import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { API_BASE, ErrorResponse, LabelSchema, LabelSchemaDefinition, Slug } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';

const ProjectParams = Type.Object({ projectId: Slug });

/**
 * The body of a new schema version is checked by the shared `validateLabelSchemaDefinition`
 * (in the service), which names every problem by JSON pointer; Fastify's own validation would
 * stop at the first. The route still declares the schema, for the OpenAPI document.
 */
const validateParamsOnly = ({ schema, httpPart }: { schema: unknown; httpPart?: string }) => {
  if (httpPart === 'body') return (data: unknown) => ({ value: data });
  const check = TypeCompiler.Compile(schema as TSchema);
  return (data: unknown) => {
    const error = check.Errors(data).First();
    return error ? { error: Object.assign(new Error(`${error.path || '/'} ${error.message}`), { statusCode: 400 }) } : { value: data };
  };
};

/** Immutable, versioned label schemas of a project. */
export const schemasRoute: FastifyPluginAsyncTypebox = async app => {
  app.post(
    `${API_BASE}/projects/:projectId/schemas`,
    {
      schema: {
        tags: ['schemas'],
        summary: 'Store the next version of a project\'s label schema',
        description: 'Answers 201 with the new version; 400 `invalid_schema` with every problem (JSON pointer and rule) in `details`; 404 for an unknown project.',
        params: ProjectParams,
        body: LabelSchemaDefinition,
        response: { 201: LabelSchema, 400: ErrorResponse, 404: ErrorResponse },
      },
      validatorCompiler: validateParamsOnly,
    },
    async (request, reply) => reply.code(201).send(await app.projectService.createSchema(request.user, request.params.projectId, request.body)),
  );

  app.get(
    `${API_BASE}/projects/:projectId/schemas/latest`,
    { schema: { tags: ['schemas'], summary: 'The latest schema version of a project', params: ProjectParams, response: { 200: LabelSchema, 400: ErrorResponse, 404: ErrorResponse } } },
    async request => findSchema(await app.projectService.getSchema(request.user, request.params.projectId, 'latest'), request.params.projectId),
  );

  app.get(
    `${API_BASE}/projects/:projectId/schemas/:version`,
    {
      schema: {
        tags: ['schemas'],
        summary: 'One schema version of a project',
        params: Type.Object({ projectId: Slug, version: Type.Integer({ minimum: 1 }) }),
        response: { 200: LabelSchema, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async request => findSchema(await app.projectService.getSchema(request.user, request.params.projectId, request.params.version), request.params.projectId),
  );
};

function findSchema(schema: LabelSchema | null, projectId: string): LabelSchema {
  if (!schema) throw new HttpError(404, 'not_found', `No such schema version of project "${projectId}"`);
  return schema;
}
