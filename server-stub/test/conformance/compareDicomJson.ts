import type { DicomJsonDataset, DicomJsonElement } from '../../src/dicomweb/dicom/dicomJson.js';

/** Decides whether a difference on one attribute is one of the documented, accepted ones. */
export type IgnoreRule = (difference: { tag: string; side: 'ours-only' | 'orthanc-only' | 'value'; ours?: DicomJsonElement; orthanc?: DicomJsonElement; path: string }) => boolean;

/** Element-by-element comparison (recursing into sequences); returns the differences not ignored. */
export function compareDicomJson(ours: DicomJsonDataset, orthanc: DicomJsonDataset, ignore: IgnoreRule, path = ''): string[] {
  const differences: string[] = [];
  const tags = new Set([...Object.keys(ours), ...Object.keys(orthanc)]);
  for (const tag of [...tags].sort()) {
    const a = ours[tag];
    const b = orthanc[tag];
    const here = path ? `${path}/${tag}` : tag;
    if (!a || !b) {
      const side = a ? 'ours-only' : 'orthanc-only';
      if (!ignore({ tag, side, ours: a, orthanc: b, path: here })) differences.push(`${here}: ${side} ${JSON.stringify(a ?? b)}`);
      continue;
    }
    if (a.vr !== b.vr && !ignore({ tag, side: 'value', ours: a, orthanc: b, path: here })) {
      differences.push(`${here}: vr ${a.vr} vs ${b.vr}`);
      continue;
    }
    if (a.vr === 'SQ') {
      const ia = (a.Value ?? []) as DicomJsonDataset[];
      const ib = (b.Value ?? []) as DicomJsonDataset[];
      if (ia.length !== ib.length) differences.push(`${here}: ${ia.length} items vs ${ib.length}`);
      else ia.forEach((item, i) => differences.push(...compareDicomJson(item, ib[i]!, ignore, `${here}/${i}`)));
      continue;
    }
    if ('BulkDataURI' in a !== 'BulkDataURI' in b || 'InlineBinary' in a !== 'InlineBinary' in b) {
      if (!ignore({ tag, side: 'value', ours: a, orthanc: b, path: here })) differences.push(`${here}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      continue;
    }
    const comparable = (e: DicomJsonElement) => JSON.stringify({ Value: e.Value ?? [], InlineBinary: e.InlineBinary });
    const equal = comparable(a) === comparable(b) && a.BulkDataURI === b.BulkDataURI;
    if (!equal && !ignore({ tag, side: 'value', ours: a, orthanc: b, path: here })) {
      differences.push(`${here}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  }
  return differences;
}
