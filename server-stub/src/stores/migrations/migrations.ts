import { dicomIndexMigration } from '../dicom/dicomIndexMigration.js';
import { labelingMigration } from '../labeling/labelingMigration.js';
import { labelMigrations } from './labelMigrations.js';
import type { Migration } from './Migration.js';

/** Every schema change of the server, by area (id ranges in Migration.ts). */
export const migrations: Migration[] = [...labelMigrations, labelingMigration, dicomIndexMigration];
