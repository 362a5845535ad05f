/**
 * Failure Reason (0008,1197) values used in STOW-RS responses (PS3.18 10.5.3, PS3.4 Annex B
 * and PS3.7 Annex C status codes). Each is documented in docs/dicomweb.md.
 */
export const FailureReason = {
  /** Processing failure: an unexpected server-side error while storing. */
  ProcessingFailure: 0x0110,
  /** The SOP Instance is already stored with different content; the stored one is kept. */
  DuplicateSOPInstance: 0x0111,
  /** Refused: out of resources (disk full, instance over the size limit). */
  OutOfResources: 0xa700,
  /** Error: cannot understand (not DICOM, truncated, bad meta header, missing or invalid UIDs). */
  CannotUnderstand: 0xc000,
  /** Referenced Transfer Syntax not supported (deflated datasets). */
  TransferSyntaxNotSupported: 0xc122,
  /** Cannot understand: the Study Instance UID differs from the one in the request URL. */
  StudyInstanceUIDMismatch: 0xc409,
  /** Cannot understand: the Series Instance UID is already indexed under another study. */
  SeriesInAnotherStudy: 0xc40a,
} as const;
