import type { CodedConcept } from '@readingroom/platform-shim';

const dcm = (CodeValue: string, CodeMeaning: string): CodedConcept => ({ CodeValue, CodingSchemeDesignator: 'DCM', CodeMeaning });
const sct = (CodeValue: string, CodeMeaning: string): CodedConcept => ({ CodeValue, CodingSchemeDesignator: 'SCT', CodeMeaning });

/**
 * Coded concepts the exports use, as PS3.16 names them (TID 1500, 1501, 1410, 1600, 1001, 1204,
 * SEG derivation and purpose of reference), in one place.
 */
export const concepts = {
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  languageOfContent: dcm('121049', 'Language of Content Item and Descendants'),
  englishUS: { CodeValue: 'en-US', CodingSchemeDesignator: 'RFC5646', CodeMeaning: 'English (United States)' },
  observerType: dcm('121005', 'Observer Type'),
  person: dcm('121006', 'Person'),
  personObserverName: dcm('121008', 'Person Observer Name'),
  procedureReported: dcm('121058', 'Procedure reported'),
  imaging: sct('363679005', 'Imaging'),
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  qualitativeEvaluations: { CodeValue: 'C0034375', CodingSchemeDesignator: 'UMLS', CodeMeaning: 'Qualitative Evaluations' },
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUniqueIdentifier: dcm('112040', 'Tracking Unique Identifier'),
  findingCategory: sct('276214006', 'Finding category'),
  finding: dcm('121071', 'Finding'),
  source: sct('260753009', 'Source'),
  imageRegion: dcm('111030', 'Image Region'),
  comment: dcm('121106', 'Comment'),
  seriesInstanceUID: dcm('112002', 'Series Instance UID'),
  longAxis: sct('103339001', 'Long Axis'),
  shortAxis: sct('103340004', 'Short Axis'),
  // SEG.
  segmentation: dcm('113076', 'Segmentation'),
  sourceImageForProcessing: dcm('121322', 'Source image for image processing operation'),
} satisfies Record<string, CodedConcept>;

/** Template ids (TemplateIdentifier, mapping resource DCMR). */
export const TEMPLATES = { measurementReport: '1500', measurementGroup: '1501', planarRoi: '1410' } as const;

/** SOP classes the exports write and read. */
export const SOP_CLASSES = {
  comprehensive3DSR: '1.2.840.10008.5.1.4.1.1.88.34',
  comprehensiveSR: '1.2.840.10008.5.1.4.1.1.88.33',
  enhancedSR: '1.2.840.10008.5.1.4.1.1.88.22',
  segmentation: '1.2.840.10008.5.1.4.1.1.66.4',
} as const;

/**
 * ReadingRoom's private coding schemes (PS3.16 §8: designators starting "99" are private), used
 * only for what DICOM has no concept for; each is declared in Coding Scheme Identification.
 */
export const PRIVATE_SCHEMES = {
  /** ReadingRoom label facts (status, schema version, viewer state). */
  readingroom: { designator: '99READINGROOM', name: 'ReadingRoom label concepts' },
  /** Schema attributes that have no code of their own; the code value is the attribute id. */
  attribute: { designator: '99RRATTR', name: 'ReadingRoom schema attributes without a code' },
  /** Viewer measurements with no standard concept; the code value is the measurement name. */
  measurement: { designator: '99RRMEAS', name: 'ReadingRoom viewer measurements without a standard concept' },
} as const;

export const privateConcepts = {
  labelFacts: { CodeValue: 'label-facts', CodingSchemeDesignator: PRIVATE_SCHEMES.readingroom.designator, CodeMeaning: 'ReadingRoom label facts' },
} satisfies Record<string, CodedConcept>;

/** True when two coded concepts name the same thing (meaning is display text and not compared). */
export function isSameConcept(a: CodedConcept | undefined, b: CodedConcept | undefined): boolean {
  return !!a && !!b && a.CodeValue === b.CodeValue && a.CodingSchemeDesignator === b.CodingSchemeDesignator;
}
