import type { LabelSchemaDefinition, LabelSnapshot } from '@readingroom/platform-shim';
import { concepts, privateConcepts } from '../dicom/concepts.js';
import { labelIdFromTracking } from '../dicom/labelIdFromTracking.js';
import { readLabelFacts, type LabelFacts } from '../dicom/labelFacts.js';
import { findFindingByCode, resolveFinding, type ResolvedFinding } from '../dicom/resolveFinding.js';
import { findItem, readCodeValue, readTextValue, readUid, type ContentItem } from './readContentItems.js';

/** Where decoded labels go when a file does not say (an SR or SEG another system wrote). */
export interface ImportTarget {
  projectId: string;
  schemaVersion: number;
}

export interface DecodeContext {
  schemaOf(projectId: string, schemaVersion: number): LabelSchemaDefinition | undefined;
  /** Project and schema version for files without ReadingRoom label facts. */
  target?: ImportTarget;
}

export class LabelDecodeError extends Error {
  override name = 'LabelDecodeError';
}

export interface LabelBase {
  labelId: string;
  facts: LabelFacts | undefined;
  finding: ResolvedFinding;
  snapshot: Pick<LabelSnapshot, 'labelId' | 'projectId' | 'schemaVersion' | 'findingTypeId' | 'status'>;
}

/**
 * Who a group or finding is: its label id (Tracking UID), its project and schema version and
 * finding type (from the label facts, else from the import target and the Finding code).
 */
export function decodeLabelBase(items: ContentItem[], context: DecodeContext): LabelBase {
  const trackingUid = readUid(findItem(items, concepts.trackingUniqueIdentifier, 'UIDREF'));
  if (!trackingUid) throw new LabelDecodeError('no Tracking Unique Identifier');
  const labelId = labelIdFromTracking(trackingUid);
  const { facts, problem } = readLabelFacts(readTextValue(findItem(items, privateConcepts.labelFacts, 'TEXT')));
  if (problem) throw new LabelDecodeError(problem);
  checkProject(facts, context);
  const projectId = facts?.projectId ?? context.target?.projectId;
  const schemaVersion = facts?.schemaVersion ?? context.target?.schemaVersion;
  if (!projectId || !schemaVersion) throw new LabelDecodeError('the file does not say which project it belongs to; choose one to import into');
  const schema = context.schemaOf(projectId, schemaVersion);
  if (!schema) throw new LabelDecodeError(`project "${projectId}" has no schema version ${schemaVersion}`);
  const code = readCodeValue(findItem(items, concepts.finding, 'CODE'));
  const category = readCodeValue(findItem(items, concepts.findingCategory, 'CODE'));
  const finding = facts ? resolveFinding(schema, facts.findingTypeId) : code && findFindingByCode(schema, code, category);
  if (!finding) throw new LabelDecodeError(`finding ${facts?.findingTypeId ?? code?.CodeMeaning ?? '(none)'} is not in schema version ${schemaVersion} of project "${projectId}"`);
  return {
    labelId,
    facts,
    finding,
    snapshot: { labelId, projectId, schemaVersion, findingTypeId: finding.type.id, status: facts?.status ?? 'draft' },
  };
}

/** Drops undefined fields, so a decoded label has exactly the fields it was exported with. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Labels of another project are not imported into this one. */
export function checkProject(facts: LabelFacts | undefined, context: DecodeContext): void {
  if (facts && context.target && facts.projectId !== context.target.projectId) throw new LabelDecodeError(`the label belongs to project "${facts.projectId}"`);
}
