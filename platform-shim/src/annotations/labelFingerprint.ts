import type { LabelSnapshot } from '../contract/labels.js';

/** What a reader would notice about a label, split so that missing statistics can be told apart. */
export interface LabelFingerprint {
  /** Where, what and what it says: image, geometry (to 1 µm), masks, text and the picker's terms. */
  shape: string;
  /** Measurements by name, to 4 significant digits (empty while Cornerstone has not computed them). */
  measurements: Map<string, string>;
}

export function fingerprintLabel(snapshot: LabelSnapshot): LabelFingerprint {
  const { geometry } = snapshot;
  let drawn: string;
  if (geometry.kind === 'classification') drawn = 'classification';
  else if (geometry.kind === 'segmentation') {
    drawn = `seg:${geometry.segmentNumber}:${geometry.Rows}x${geometry.Columns}:${geometry.frames
      .map(f => `${f.SOPInstanceUID}#${f.frameNumber ?? ''}=${f.mask}`)
      .join(';')}`;
  } else {
    drawn = `${geometry.kind}:${geometry.closed ?? ''}:${geometry.points.map(p => p.map(v => Math.round(v * 1000)).join(',')).join(';')}`;
  }
  const attributes = Object.keys(snapshot.attributes)
    .sort()
    .map(key => `${key}=${JSON.stringify(snapshot.attributes[key])}`)
    .join(',');
  const measurements = new Map((snapshot.measurements ?? []).map(m => [m.name, `${m.value.toPrecision(4)}${m.unit}`]));
  return {
    shape: [
      snapshot.scope,
      snapshot.SeriesInstanceUID ?? '',
      snapshot.SOPInstanceUID ?? '',
      snapshot.frameNumber ?? '',
      drawn,
      snapshot.text ?? '',
      snapshot.projectId,
      snapshot.schemaVersion,
      snapshot.findingTypeId,
      attributes,
      snapshot.status,
    ].join('|'),
    measurements,
  };
}

/**
 * A change a reader would see. Measurements count because Cornerstone may complete an annotation
 * before its last statistics update. Missing ones do not: a redrawn annotation has none until its
 * first render, then only those its geometry gives (area) until the image's pixels arrive (mean,
 * ...), so a set lacking any known measurement is incomplete, never a change.
 */
export function hasLabelChanged(previous: LabelFingerprint, next: LabelFingerprint): boolean {
  if (previous.shape !== next.shape) return true;
  for (const name of previous.measurements.keys()) if (!next.measurements.has(name)) return false;
  for (const [name, value] of next.measurements) if (previous.measurements.get(name) !== value) return true;
  return false;
}
