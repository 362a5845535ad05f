import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { API_BASE, ErrorResponse, ExportRequest, ExportResponse, ImportRequest, ImportResponse, Uid } from '@readingroom/platform-shim';

const StudyParams = Type.Object({ StudyInstanceUID: Uid });

/** DICOM-native export (SR, SEG) and import of a study's labels. */
export const exportsRoute: FastifyPluginAsyncTypebox = async app => {
  app.post(
    `${API_BASE}/studies/:StudyInstanceUID/exports`,
    {
      schema: {
        tags: ['exports'],
        summary: "Write the study's labels of a project as DICOM SR and/or SEG into the DICOMweb store (and the site's PACS)",
        params: StudyParams,
        body: ExportRequest,
        response: { 201: ExportResponse, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await app.exportService.exportStudy(request.user, request.params.StudyInstanceUID, request.body)),
  );

  app.post(
    `${API_BASE}/studies/:StudyInstanceUID/imports`,
    {
      schema: {
        tags: ['exports'],
        summary: "Read the study's SR and SEG instances back into labels of a project (through label ingest)",
        params: StudyParams,
        body: ImportRequest,
        response: { 200: ImportResponse, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async request => app.importService.importStudy(request.user, request.params.StudyInstanceUID, request.body),
  );
};
