import type { DicomJsonPersonName } from '../../dicomweb/dicom/dicomJson.js';

export type Vec3 = [number, number, number];

/** Where a frame lies in patient space: position of its first pixel's centre, row/column directions, spacing. */
export interface FramePlane {
  ImagePositionPatient: Vec3;
  /** Row direction (along a row, increasing column) and column direction (down a column). */
  rowCosines: Vec3;
  columnCosines: Vec3;
  /** PixelSpacing as DICOM orders it: [between rows, between columns], mm. */
  PixelSpacing: [number, number];
  /** False when the image has no patient geometry and the plane is the viewer's default one. */
  isPatientSpace: boolean;
}

/** A source image as the exports need it: identity, size and, frame by frame, its plane. */
export interface SourceImage {
  SOPClassUID: string;
  SOPInstanceUID: string;
  SeriesInstanceUID: string;
  Modality?: string;
  FrameOfReferenceUID?: string;
  Rows: number;
  Columns: number;
  NumberOfFrames: number;
  SliceThickness?: number;
  /** Plane of each frame (index 0 = frame 1). */
  planes: FramePlane[];
}

/** The study attributes a derived object copies (Patient and General Study modules). */
export interface SourceStudy {
  StudyInstanceUID: string;
  patient: {
    PatientName?: DicomJsonPersonName;
    PatientID?: string;
    PatientBirthDate?: string;
    PatientSex?: string;
  };
  study: {
    StudyDate?: string;
    StudyTime?: string;
    ReferringPhysicianName?: DicomJsonPersonName;
    StudyID?: string;
    AccessionNumber?: string;
    StudyDescription?: string;
  };
  /** The study's procedure code, for TID 1500 "Procedure reported". */
  procedureCode?: { CodeValue: string; CodingSchemeDesignator: string; CodeMeaning: string };
  images: Map<string, SourceImage>;
  /** Highest Series Number in the study (0 when none), so new series get the next ones. */
  maxSeriesNumber: number;
}
