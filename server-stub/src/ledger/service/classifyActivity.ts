import type { AuditTrailActivity } from '@readingroom/platform-shim';

const VIEWED = new Set(['study.opened', 'series.displayed', 'dicomweb.retrieve']);

/** What a record means in an auditor's trail, by its kind. */
export function classifyActivity(kind: string): AuditTrailActivity {
  if (VIEWED.has(kind) || kind.startsWith('view.')) return 'viewed';
  if (kind.startsWith('label.') || kind === 'case.submitted') return 'labeled';
  if (kind.startsWith('review.') || kind.startsWith('adjudication.')) return 'reviewed';
  if (kind.startsWith('export.')) return 'exported';
  if (kind === 'dicomweb.store' || kind.startsWith('import.')) return 'stored';
  if (kind === 'dicomweb.query') return 'queried';
  if (kind.startsWith('access.') || kind.startsWith('security.') || kind.startsWith('user.')) return 'access';
  return 'other';
}
