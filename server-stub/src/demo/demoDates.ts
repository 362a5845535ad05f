import { hashSeedPath } from './seedHash.js';

/** A calendar instant without a time zone, as DICOM DA/TM store it. */
export interface DicomDateTime {
  readonly date: string;
  readonly time: string;
}

const MS_PER_DAY = 86_400_000;
// Demo studies fall in 2019-2023; the exact day depends on the seed.
const FIRST_REFERENCE_DAY = Date.UTC(2019, 0, 1);
const REFERENCE_DAY_SPAN = 1800;

function readUint32(seed: number, path: string): number {
  return hashSeedPath(seed, path).readUInt32LE(0);
}

function formatDateTime(epochMs: number): DicomDateTime {
  const d = new Date(epochMs);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return {
    date: `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`,
  };
}

/**
 * The start of a demo study: the seed's reference day minus `daysBefore`,
 * at a seed-dependent time during working hours. Never reads the clock, so
 * the same seed always gives the same dates.
 */
export function getDemoStudyStart(seed: number, studyKey: string, daysBefore = 0): number {
  const referenceDay = FIRST_REFERENCE_DAY + (readUint32(seed, 'reference-day') % REFERENCE_DAY_SPAN) * MS_PER_DAY;
  const secondsIntoDay = 7 * 3600 + (readUint32(seed, `${studyKey}/start-time`) % (10 * 3600));
  return referenceDay - daysBefore * MS_PER_DAY + secondsIntoDay * 1000;
}

export function toDicomDateTime(epochMs: number, plusSeconds = 0): DicomDateTime {
  return formatDateTime(epochMs + plusSeconds * 1000);
}

/** Age string (AS) in whole years between a birth date and a study date, both epoch ms. */
export function formatPatientAge(birthMs: number, studyMs: number): string {
  const birth = new Date(birthMs);
  const study = new Date(studyMs);
  let years = study.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    study.getUTCMonth() < birth.getUTCMonth() ||
    (study.getUTCMonth() === birth.getUTCMonth() && study.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) years -= 1;
  return `${String(years).padStart(3, '0')}Y`;
}

export { MS_PER_DAY };
