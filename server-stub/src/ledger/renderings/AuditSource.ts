/** This server as the source of audit messages (AuditSourceIdentification; FHIR AuditEvent.source). */
export interface AuditSource {
  /** AuditSourceID: this server's name (AUDIT_SOURCE_ID, else the host name). */
  sourceId: string;
  /** AuditEnterpriseSiteID: the site (AUDIT_ENTERPRISE_SITE_ID), when configured. */
  enterpriseSiteId?: string;
}

export interface RenderingOptions {
  source: AuditSource;
  /** The SOP Class UID of instances this server stores, by SOP Instance UID (A.5 SOPClass details). */
  sopClasses?: ReadonlyMap<string, string>;
}
