import type { CodedConcept } from '@readingroom/platform-shim';

/**
 * Coded concepts of the demo schemas, each checked against a published value set: SNOMED CT
 * (SCT) concept ids as DICOM PS3.16 lists them (CID 6104 nodule, CID 6105 pneumothorax,
 * CID 7150 segmentation categories, CID 242 normal/abnormal, CID 240 present/absent, CID 244
 * laterality), RadLex RIDs for Lung-RADS, nodule solidness and lung lobes, DICOM (DCM) for the
 * TID 1500 "Finding" concept, and UCUM for units.
 */
const sct = (CodeValue: string, CodeMeaning: string): CodedConcept => ({ CodeValue, CodingSchemeDesignator: 'SCT', CodeMeaning });
const radlex = (CodeValue: string, CodeMeaning: string): CodedConcept => ({ CodeValue, CodingSchemeDesignator: 'RADLEX', CodeMeaning });

export const codes = {
  // Finding types.
  nodule: sct('27925004', 'Nodule'),
  lungConsolidation: sct('95436008', 'Lung consolidation'),
  pleuralEffusion: sct('60046008', 'Pleural effusion'),
  pneumothorax: sct('36118008', 'Pneumothorax'),
  cardiomegaly: sct('8186001', 'Cardiomegaly'),
  lungRadsAssessment: radlex('RID50134', 'Lung-RADS assessment'),
  finding: { CodeValue: '121071', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Finding' },
  clinicalFindingAbsent: sct('373572006', 'Clinical finding absent'),

  // Categories (DICOM SEG Segmented Property Category, CID 7150) and of classifications.
  morphologicallyAbnormalStructure: sct('49755003', 'Morphologically abnormal structure'),
  clinicalFinding: sct('404684003', 'Clinical finding'),

  // Nodule solidness (RadLex).
  solid: radlex('RID5741', 'solid'),
  partiallySolid: radlex('RID46011', 'partially solid'),
  nonSolid: radlex('RID46016', 'non-solid'),

  // Lobes of the lungs (RadLex anatomy).
  upperLobeOfRightLung: radlex('RID1303', 'upper lobe of right lung'),
  middleLobeOfRightLung: radlex('RID1310', 'middle lobe of right lung'),
  lowerLobeOfRightLung: radlex('RID1315', 'lower lobe of right lung'),
  upperLobeOfLeftLung: radlex('RID1327', 'upper lobe of left lung'),
  lowerLobeOfLeftLung: radlex('RID1338', 'lower lobe of left lung'),

  // Lung-RADS categories (RadLex).
  lungRads1: radlex('RID50136', 'Lung-RADS 1'),
  lungRads2: radlex('RID50137', 'Lung-RADS 2'),
  lungRads3: radlex('RID50138', 'Lung-RADS 3'),
  lungRads4A: radlex('RID50139', 'Lung-RADS 4A'),
  lungRads4B: radlex('RID50140', 'Lung-RADS 4B'),
  lungRads4X: radlex('RID50141', 'Lung-RADS 4X'),

  calcification: radlex('RID5196', 'calcification'),
  present: sct('52101004', 'Present'),
  absent: sct('2667000', 'Absent'),
  diameter: sct('81827009', 'Diameter'),
  laterality: sct('272741003', 'Laterality'),
  right: sct('24028007', 'Right'),
  left: sct('7771000', 'Left'),
  normal: sct('17621005', 'Normal'),
  abnormal: sct('263654008', 'Abnormal'),

  millimeter: { CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'millimeter' },
} satisfies Record<string, CodedConcept>;
