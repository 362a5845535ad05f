import type { Migration } from '../migrations/sqliteMigrations.js';

/** The DICOM index (ids 100+ belong to the DICOMweb store). */
export const dicomIndexMigration: Migration = {
  id: 100,
  name: 'dicom index: studies, series, instances',
  sql: `
    CREATE TABLE dicom_studies (
      study_uid TEXT PRIMARY KEY,
      rep_sop_uid TEXT NOT NULL,
      patient_name TEXT, patient_name_norm TEXT, patient_name_words TEXT,
      patient_id TEXT, patient_birth_date TEXT, patient_sex TEXT,
      study_date TEXT, study_time TEXT, accession_number TEXT, study_id TEXT, study_description TEXT,
      referring_physician_name TEXT, referring_physician_name_norm TEXT, referring_physician_name_words TEXT,
      created_seq INTEGER NOT NULL
    );
    CREATE INDEX dicom_studies_patient_id ON dicom_studies (patient_id);
    CREATE INDEX dicom_studies_study_date ON dicom_studies (study_date);
    CREATE INDEX dicom_studies_accession ON dicom_studies (accession_number);

    CREATE TABLE dicom_series (
      series_uid TEXT PRIMARY KEY,
      study_uid TEXT NOT NULL REFERENCES dicom_studies (study_uid),
      rep_sop_uid TEXT NOT NULL,
      modality TEXT, series_number INTEGER, series_description TEXT, series_date TEXT, series_time TEXT,
      body_part_examined TEXT, pps_start_date TEXT, pps_start_time TEXT,
      created_seq INTEGER NOT NULL
    );
    CREATE INDEX dicom_series_by_study ON dicom_series (study_uid, modality);

    CREATE TABLE dicom_instances (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      sop_uid TEXT NOT NULL UNIQUE,
      series_uid TEXT NOT NULL REFERENCES dicom_series (series_uid),
      study_uid TEXT NOT NULL REFERENCES dicom_studies (study_uid),
      sop_class_uid TEXT NOT NULL,
      instance_number INTEGER,
      transfer_syntax_uid TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      size INTEGER NOT NULL,
      storage_key TEXT NOT NULL,
      metadata TEXT NOT NULL,
      frames TEXT NOT NULL,
      bulk TEXT NOT NULL,
      stored_at TEXT NOT NULL
    );
    CREATE INDEX dicom_instances_by_series ON dicom_instances (series_uid, instance_number);
    CREATE INDEX dicom_instances_by_study ON dicom_instances (study_uid);
  `,
};
