import type { DicomJsonDataset } from '../dicom/dicomJson.js';

export interface StowInstanceOutcome {
  status: 'stored' | 'duplicate' | 'failed';
  SOPClassUID?: string;
  SOPInstanceUID?: string;
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
  failureReason?: number;
  message?: string;
}

/**
 * Store Instances Response (PS3.18 10.5.3): 200 when every instance is stored, 202 when some
 * are and some failed, 409 when none could be stored. Re-sending an instance with identical
 * bytes counts as stored. Each failure carries its Failure Reason and, in Error Comment
 * (0000,0902), a PHI-free explanation.
 */
export function buildStowResponse(outcomes: StowInstanceOutcome[], baseUrl: string): { statusCode: 200 | 202 | 409; body: DicomJsonDataset } {
  const succeeded = outcomes.filter(o => o.status !== 'failed');
  const failed = outcomes.filter(o => o.status === 'failed');
  const ui = (value: string | undefined) => (value ? { vr: 'UI', Value: [value] } : { vr: 'UI' });
  const body: DicomJsonDataset = {};
  const studies = new Set(succeeded.map(o => o.StudyInstanceUID));
  if (succeeded.length > 0 && studies.size === 1) {
    body['00081190'] = { vr: 'UR', Value: [`${baseUrl}/studies/${[...studies][0]}`] };
  }
  if (failed.length > 0) {
    body['00081198'] = {
      vr: 'SQ',
      Value: failed.map(o => ({
        '00000902': { vr: 'LO', Value: [(o.message ?? 'failed').slice(0, 64)] },
        '00081150': ui(o.SOPClassUID),
        '00081155': ui(o.SOPInstanceUID),
        '00081197': { vr: 'US', Value: [o.failureReason ?? 0x0110] },
      })),
    };
  }
  if (succeeded.length > 0) {
    body['00081199'] = {
      vr: 'SQ',
      Value: succeeded.map(o => ({
        '00081150': ui(o.SOPClassUID),
        '00081155': ui(o.SOPInstanceUID),
        '00081190': { vr: 'UR', Value: [`${baseUrl}/studies/${o.StudyInstanceUID}/series/${o.SeriesInstanceUID}/instances/${o.SOPInstanceUID}`] },
      })),
    };
  }
  const statusCode = failed.length === 0 ? 200 : succeeded.length === 0 ? 409 : 202;
  return { statusCode, body };
}
