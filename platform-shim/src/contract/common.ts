import { Type, type Static } from '@sinclair/typebox';

/** A DICOM UID (PS3.5 §9.1): digits and dots, at most 64 characters. */
export const Uid = Type.String({ pattern: '^[0-9]+(\\.[0-9]+)*$', maxLength: 64, minLength: 1 });

/** RFC 4122 UUID in canonical lower- or upper-case form. */
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});

/** RFC 3339 timestamp with a time zone, e.g. 2026-11-28T05:01:49.123Z. */
export const Timestamp = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$',
  maxLength: 40,
});

export const ErrorResponse = Type.Object(
  {
    error: Type.String({ description: 'Machine-readable error code, e.g. bad_request, not_found.' }),
    message: Type.String({ description: 'Human-readable explanation; never contains PHI.' }),
    details: Type.Optional(Type.Unknown()),
  },
  {},
);
export type ErrorResponse = Static<typeof ErrorResponse>;
