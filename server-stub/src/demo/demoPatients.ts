import { MS_PER_DAY, getDemoStudyStart, toDicomDateTime } from './demoDates.js';
import { hashSeedPath } from './seedHash.js';

export type DemoPatientKey = 'chest-ct' | 'chest-cr' | 'mammo' | 'brain' | 'cardiac';

export interface DemoPatient {
  readonly PatientName: string;
  readonly PatientID: string;
  readonly PatientBirthDate: string;
  readonly PatientSex: 'M' | 'F' | 'O';
  /** Birth date as epoch ms, to compute PatientAge per study. */
  readonly birthMs: number;
  readonly sizeM: number;
  readonly weightKg: number;
}

interface PatientTemplate {
  readonly name: string;
  readonly code: string;
  readonly sex: 'M' | 'F';
  readonly ageYears: number;
  readonly sizeM: number;
  readonly weightKg: number;
}

// Names say what they are: synthetic demo patients, never a real person.
const TEMPLATES: Readonly<Record<DemoPatientKey, PatientTemplate>> = {
  'chest-ct': { name: 'DEMO^CHEST^CT', code: 'CT', sex: 'M', ageYears: 64, sizeM: 1.78, weightKg: 82 },
  'chest-cr': { name: 'DEMO^CHEST^CR', code: 'CR', sex: 'F', ageYears: 47, sizeM: 1.65, weightKg: 61 },
  mammo: { name: 'DEMO^MAMMO^MG', code: 'MG', sex: 'F', ageYears: 52, sizeM: 1.62, weightKg: 66 },
  brain: { name: 'DEMO^BRAIN^MR', code: 'MR', sex: 'M', ageYears: 38, sizeM: 1.84, weightKg: 79 },
  cardiac: { name: 'DEMO^CARDIAC^US', code: 'US', sex: 'F', ageYears: 29, sizeM: 1.7, weightKg: 58 },
};

export function getDemoPatient(seed: number, key: DemoPatientKey): DemoPatient {
  const template = TEMPLATES[key];
  const hash = hashSeedPath(seed, `patient/${key}`);
  const number = String(hash.readUInt32LE(0) % 1_000_000).padStart(6, '0');
  const birthdayOffsetDays = 30 + (hash.readUInt32LE(4) % 300);
  const birthMs = getDemoStudyStart(seed, 'birth-reference') - Math.round((template.ageYears * 365.25 + birthdayOffsetDays) * MS_PER_DAY);
  return {
    PatientName: template.name,
    PatientID: `RRDEMO-${template.code}-${number}`,
    PatientBirthDate: toDicomDateTime(birthMs).date,
    PatientSex: template.sex,
    birthMs,
    sizeM: template.sizeM,
    weightKg: template.weightKg,
  };
}
