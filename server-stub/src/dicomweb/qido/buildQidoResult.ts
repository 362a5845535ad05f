import { lookupTag } from '../dicom/dcmjsAdapter.js';
import type { DicomJsonDataset, DicomJsonElement } from '../dicom/dicomJson.js';
import type { QidoQuery } from './parseQidoQuery.js';
import { allFieldsTags, ComputedTags, defaultReturnTags, returnedOnlyWhenPresent } from './qidoAttributes.js';

/** What the index knows about one result besides the representative instance's metadata. */
export interface QidoResultSource {
  StudyInstanceUID: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
  NumberOfStudyRelatedSeries: number;
  NumberOfStudyRelatedInstances: number;
  ModalitiesInStudy: string[];
  SOPClassesInStudy: string[];
  NumberOfSeriesRelatedInstances?: number;
  metadata: DicomJsonDataset;
}

/** Tags one QIDO-RS response item carries for this query (PS3.18 10.6.3.3). */
export function returnTagsFor(query: QidoQuery): { tags: Set<string>; allOfInstance: boolean } {
  const tags = new Set(defaultReturnTags[query.level]);
  if (query.level !== 'study') tags.add('0020000D');
  if (query.level === 'instance') tags.add('0020000E');
  // Queries across studies (or series) also return the levels above (Tables 10.6.3-3, -4).
  if (query.level !== 'study' && !query.scope.StudyInstanceUID) defaultReturnTags.study.forEach(t => tags.add(t));
  if (query.level === 'instance' && !query.scope.SeriesInstanceUID) defaultReturnTags.series.forEach(t => tags.add(t));
  query.includeTags.forEach(t => tags.add(t));
  if (query.includeAll && query.level !== 'instance') allFieldsTags[query.level].forEach(t => tags.add(t));
  return { tags, allOfInstance: query.includeAll && query.level === 'instance' };
}

export function buildQidoResult(source: QidoResultSource, query: QidoQuery, baseUrl: string): DicomJsonDataset {
  const { tags, allOfInstance } = returnTagsFor(query);
  if (allOfInstance) Object.keys(source.metadata).forEach(t => tags.add(t));
  const out: DicomJsonDataset = {};
  for (const tag of [...tags].sort()) {
    const element = computed(tag, source, query, baseUrl) ?? stored(source.metadata[tag]);
    if (element) out[tag] = element;
    else if (!returnedOnlyWhenPresent.has(tag)) {
      const vr = lookupTag(tag)?.vr;
      if (vr && /^[A-Z]{2}$/.test(vr)) out[tag] = { vr };
    }
  }
  return out;
}

/** Bulk data has no place in query results; everything else is returned as stored. */
function stored(element: DicomJsonElement | undefined): DicomJsonElement | undefined {
  return element && element.BulkDataURI === undefined ? element : undefined;
}

function computed(tag: string, s: QidoResultSource, query: QidoQuery, baseUrl: string): DicomJsonElement | undefined {
  switch (tag) {
    case ComputedTags.ModalitiesInStudy:
      return s.ModalitiesInStudy.length ? { vr: 'CS', Value: s.ModalitiesInStudy } : { vr: 'CS' };
    case ComputedTags.SOPClassesInStudy:
      return { vr: 'UI', Value: s.SOPClassesInStudy };
    case ComputedTags.NumberOfStudyRelatedSeries:
      return { vr: 'IS', Value: [s.NumberOfStudyRelatedSeries] };
    case ComputedTags.NumberOfStudyRelatedInstances:
      return { vr: 'IS', Value: [s.NumberOfStudyRelatedInstances] };
    case ComputedTags.NumberOfSeriesRelatedInstances:
      return s.NumberOfSeriesRelatedInstances === undefined ? undefined : { vr: 'IS', Value: [s.NumberOfSeriesRelatedInstances] };
    case ComputedTags.InstanceAvailability:
      return { vr: 'CS', Value: ['ONLINE'] };
    case ComputedTags.RetrieveURL:
      return { vr: 'UR', Value: [retrieveUrl(s, query, baseUrl)] };
    case '0020000D':
      return { vr: 'UI', Value: [s.StudyInstanceUID] };
    default:
      return undefined;
  }
}

function retrieveUrl(s: QidoResultSource, query: QidoQuery, baseUrl: string): string {
  const study = `${baseUrl}/studies/${s.StudyInstanceUID}`;
  if (query.level === 'study') return study;
  const series = `${study}/series/${s.SeriesInstanceUID}`;
  return query.level === 'series' ? series : `${series}/instances/${s.SOPInstanceUID}`;
}
