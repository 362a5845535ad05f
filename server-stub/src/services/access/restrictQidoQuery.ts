import type { QidoQuery } from '../../dicomweb/qido/parseQidoQuery.js';
import type { Scope } from '../labeling/authorize.js';

const STUDY_INSTANCE_UID = '0020000D';

/**
 * Limits a QIDO-RS query to the studies a user may see, as one more matching condition on
 * StudyInstanceUID (so limit and offset count visible results only). Null when the user may
 * see no study at all: the answer is an empty list.
 */
export function restrictQidoQuery(query: QidoQuery, visible: Scope): QidoQuery | null {
  if (visible === 'all') return query;
  if (visible.size === 0) return null;
  return {
    ...query,
    matches: [...query.matches, { tag: STUDY_INSTANCE_UID, vr: 'UI', level: 'study', kind: 'uid', conditions: [{ type: 'list', values: [...visible].sort() }] }],
  };
}
