import type { LabelSnapshot } from '@readingroom/platform-shim';
import { concepts } from '../dicom/concepts.js';
import { compact, decodeLabelBase, LabelDecodeError, type DecodeContext } from './decodeLabelBase.js';
import { decodeObservations } from './decodeObservations.js';
import { findItem, readUid, type ContentItem } from './readContentItems.js';

/** A report-level "Finding" with its properties back to the classification label it was. */
export function decodeClassificationFinding(finding: ContentItem, StudyInstanceUID: string, context: DecodeContext): LabelSnapshot {
  const properties = finding.children;
  const base = decodeLabelBase([finding, ...properties], context);
  const observations = decodeObservations(properties, base.finding.type, undefined);
  if (observations.problems.length > 0) throw new LabelDecodeError(observations.problems.join('; '));
  const SeriesInstanceUID = readUid(findItem(properties, concepts.seriesInstanceUID, 'UIDREF'));
  const { facts } = base;
  return compact({
    ...base.snapshot,
    attributes: { ...observations.attributes, ...facts?.attributes },
    scope: SeriesInstanceUID ? ('series' as const) : ('study' as const),
    StudyInstanceUID,
    SeriesInstanceUID,
    geometry: { kind: 'classification' as const },
    measurements: observations.measurements.length > 0 ? observations.measurements : undefined,
    text: facts?.text ?? observations.text,
  });
}
