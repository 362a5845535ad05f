// The public surface of @readingroom/platform-shim. Named exports only; importing this
// module has no side effects (no I/O, no host access), so the server can use the contract.

// Contract: one definition of the API, used by the client and validated by the server.
export { Uid, Uuid, Timestamp, ErrorResponse } from './contract/common.js';
export {
  AnnotationGeometry,
  SegmentationGeometry,
  ClassificationGeometry,
  LabelGeometry,
  LabelMeasurement,
  LabelAttributes,
  LabelSnapshot,
  Label,
  LabelList,
  LabelVersion,
  LabelVersionList,
  LABEL_STATUSES,
  ANNOTATION_KINDS,
} from './contract/labels.js';
export type { LabelStatus, AnnotationKind } from './contract/labels.js';
export { CodedConcept, Slug } from './contract/coding.js';
export {
  GEOMETRY_KINDS,
  GeometryKindSchema,
  AttributeDefinition,
  EnumAttributeDefinition,
  NumberAttributeDefinition,
  TextAttributeDefinition,
  FindingType,
  LabelSchemaDefinition,
  LabelSchema,
  Project,
  NO_FINDING_ID,
} from './contract/labelSchema.js';
export type { GeometryKind } from './contract/labelSchema.js';
export { Case, CaseList, NextCase, NextCaseQuery, CASE_STATUSES } from './contract/cases.js';
export { ProjectInput, ProjectList, ProjectStudy, StudyProject, StudyProjectList } from './contract/projects.js';
export {
  TimingReport,
  TimingReportQuery,
  TimingLabeler,
  TimingCase,
  TimingByFindingType,
  TimingByLabel,
} from './contract/timingReport.js';
export type { CaseStatus } from './contract/cases.js';
export { validateLabelSchemaDefinition } from './contract/validateLabelSchemaDefinition.js';
export { validateLabelAgainstSchema, checkAttributeValue, geometryKindOf } from './contract/validateLabelAgainstSchema.js';
export { encodeMaskRuns, decodeMaskRuns } from './contract/segmentationMask.js';
export {
  LabelCreatedEvent,
  LabelModifiedEvent,
  LabelRemovedEvent,
  LabelRemoved,
  CaseSubmittedEvent,
  CaseSubmitted,
  TimingSegmentEvent,
  TimingSegment,
  AuditEvent,
  AuditRecord,
  AUDIT_ACTIONS,
  ClientEvent,
} from './contract/events.js';
export type { AuditAction, ClientEventType, ClientEventOf } from './contract/events.js';
export {
  IngestBatchRequest,
  IngestBatchResponse,
  IngestResult,
  INGEST_STATUSES,
  MAX_EVENTS_PER_BATCH,
} from './contract/ingest.js';
export type { IngestStatus } from './contract/ingest.js';
export { Session, SessionUser, Health, ROLES, SignOutRecorded } from './contract/session.js';
export type { Role } from './contract/session.js';
export {
  EXPORT_FORMATS,
  EXPORT_DESTINATIONS,
  IMPORT_OUTCOMES,
  ExportRequest,
  ExportResponse,
  ExportedInstance,
  DestinationResult,
  ExportProblem,
  ImportRequest,
  ImportResponse,
  ImportedLabel,
  ImportedInstance,
} from './contract/exports.js';
export type { ExportFormat, ExportDestination, ImportOutcome } from './contract/exports.js';
export {
  PROJECT_ROLES,
  UserId,
  ProjectMember,
  ProjectMemberList,
  ProjectMemberInput,
  CaseAssignment,
  CaseAssignmentList,
  KnownUser,
  KnownUserList,
  BreakGlassRequest,
  BreakGlassGrant,
  BreakGlassGrantList,
} from './contract/access.js';
export type { ProjectRole } from './contract/access.js';
export {
  AUDIT_RECORD_FORMATS,
  AUDIT_TRAIL_ACTIVITIES,
  AuditLedgerRecord,
  AuditRecordQuery,
  AuditTrail,
  AuditTrailEntry,
  AuditTrailQuery,
  ConsistencyProof,
  ConsistencyProofQuery,
  HexHash,
  InclusionProof,
  LatestCheckpoint,
  RecordInclusion,
  SignedCheckpoint,
} from './contract/audit.js';
export type { AuditRecordFormat, AuditTrailActivity } from './contract/audit.js';
export { API_BASE, apiPaths } from './contract/apiPaths.js';
export { createValidator, validateClientEvent, validateLabelSnapshot } from './contract/validate.js';
export type { Validation } from './contract/validate.js';

// Ids.
export { createUuidV7 } from './ids/createUuidV7.js';

// Host bridge.
export { resolveHostModules } from './host/resolveHostModules.js';
export type { HostContext, BridgeEnvironment } from './host/resolveHostModules.js';
export { getHostRegistry, HOST_REGISTRY_GLOBAL } from './host/hostRegistry.js';
export type { HostRegistry, HostModuleSource } from './host/hostRegistry.js';
export { HostBridgeError } from './host/HostBridgeError.js';
export { HOST_MODULES, REQUIRED_HOST_MODULES, OPTIONAL_HOST_MODULES } from './host/hostModules.js';
export { SUPPORTED_OHIF_HOSTS, SUPPORTED_OHIF_VERSIONS, DEFAULT_OHIF_VERSION } from './host/supportedHosts.js';
export type { SupportedHost } from './host/supportedHosts.js';

// Talking to the server.
export { createApiClient, ApiError } from './api/createApiClient.js';
export type { ApiClient, ApiClientOptions } from './api/createApiClient.js';
// The durable outbox: events are kept in IndexedDB until the server answers for them.
export { createOutbox } from './transport/createOutbox.js';
export type { Outbox, OutboxOptions } from './transport/createOutbox.js';
export { OutboxBlockedError } from './transport/EventSender.js';
export type { EventSender } from './transport/EventSender.js';
export { OUTBOX_DATABASE } from './transport/openOutboxStore.js';
export { describeSyncStatus, describeRejections, deriveSyncStatus, withUnsentChanges, INITIAL_SYNC_STATUS, SYNC_STATES } from './transport/syncStatus.js';
export type { SyncState, SyncStatus, SyncRejection, SyncFacts } from './transport/syncStatus.js';
export { computeBackoff } from './transport/computeBackoff.js';

// Viewer activity → events.
export { annotationToLabelShape } from './annotations/annotationToLabelShape.js';
export type { ShapeResult } from './annotations/annotationToLabelShape.js';
export { TOOL_NAME_BY_KIND, kindOfTool } from './annotations/annotationKinds.js';
export { composeLabelSnapshot, shapeOf, termsOf } from './annotations/labelParts.js';
export type { LabelShape, LabelTerms } from './annotations/labelParts.js';
export { createLabelLedger } from './annotations/createLabelLedger.js';
export type { LabelLedger, LabelLedgerOptions, LabelChange } from './annotations/createLabelLedger.js';
export { forwardAnnotationEvents } from './annotations/forwardAnnotationEvents.js';
export type { AnnotationForwarder, AnnotationForwarderOptions } from './annotations/forwardAnnotationEvents.js';
export { forwardSegmentationEvents } from './annotations/forwardSegmentationEvents.js';
export type { SegmentationForwarder, SegmentationForwarderOptions, SegmentReading } from './annotations/forwardSegmentationEvents.js';
export type { CornerstoneAnnotation, ImageReference } from './annotations/annotationTypes.js';
export { createAuditEmitter } from './audit/createAuditEmitter.js';
export type { AuditEmitter, DisplayedSeries } from './audit/createAuditEmitter.js';
export { watchSignOut, isSignOutPath } from './audit/watchSignOut.js';
