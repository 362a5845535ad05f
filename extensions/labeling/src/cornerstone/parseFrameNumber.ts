/**
 * The frame an image id points at, for multi-frame instances. OHIF's DICOMweb image ids end in
 * `/frames/<n>`; WADO-URI ids carry `frame=<n-1>` (zero-based). Undefined for single-frame ids.
 */
export function parseFrameNumber(imageId: string): number | undefined {
  const wadoRs = /\/frames\/(\d+)(?:[/?#]|$)/.exec(imageId);
  if (wadoRs) return Number(wadoRs[1]);
  const wadoUri = /[?&]frame=(\d+)/.exec(imageId);
  if (wadoUri) return Number(wadoUri[1]) + 1;
  return undefined;
}
