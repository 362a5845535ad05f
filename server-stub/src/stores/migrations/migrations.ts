import { accessMigration } from '../access/accessMigration.js';
import { signInMigration } from '../access/signInMigration.js';
import { dicomIndexMigration } from '../dicom/dicomIndexMigration.js';
import { forwardingMigrations } from '../../ledger/forwarding/forwardingMigrations.js';
import { ledgerMigrations } from '../../ledger/store/ledgerMigrations.js';
import { clientEventsIndexMigration } from '../labeling/clientEventsIndexMigration.js';
import { labelingMigration } from '../labeling/labelingMigration.js';
import { labelsFillfactorMigration } from '../labeling/labelsFillfactorMigration.js';
import { labelMigrations } from './labelMigrations.js';
import type { Migration } from './Migration.js';

/** Every schema change of the server, by area (id ranges in Migration.ts). */
export const migrations: Migration[] = [...labelMigrations, labelingMigration, clientEventsIndexMigration, labelsFillfactorMigration, dicomIndexMigration, ...ledgerMigrations, ...forwardingMigrations, accessMigration, signInMigration];
