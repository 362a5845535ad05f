/**
 * An audit message as an RFC 5424 syslog message, the way IHE ATNA (ITI-20) sends DICOM audit
 * messages: facility 10 (security/authorization), MSGID `IHE+RFC-3881`, the A.5 XML as MSG
 * (UTF-8, with the BOM RFC 5424 §6.4 asks for), and the ledger seq in the registered
 * `meta sequenceId` parameter (RFC 5424 §7.3.1) so a repository can spot a message sent twice.
 */
export interface SyslogHeader {
  /** HOSTNAME: printable US-ASCII, no spaces. */
  hostname: string;
  /** APP-NAME. */
  appName: string;
  /** PROCID. */
  procId: string;
}

const FACILITY_AUTH = 10;
const SEVERITY_WARNING = 4;
const SEVERITY_NOTICE = 5;
const BOM = '\uFEFF';
export const ATNA_MSGID = 'IHE+RFC-3881';
/** sequenceId counts 1 … 2147483647 and then starts again at 1. */
const MAX_SEQUENCE_ID = 2147483647;

export interface SyslogMessageInput {
  seq: number;
  /** RFC 3339 UTC time of the event (the record's recordedAt). */
  timestamp: string;
  /** Failures and security alerts are sent as warnings, everything else as notices. */
  warning: boolean;
  xml: string;
}

export function formatSyslogMessage(header: SyslogHeader, input: SyslogMessageInput): string {
  const pri = FACILITY_AUTH * 8 + (input.warning ? SEVERITY_WARNING : SEVERITY_NOTICE);
  const sequenceId = ((input.seq - 1) % MAX_SEQUENCE_ID) + 1;
  return `<${pri}>1 ${input.timestamp} ${header.hostname} ${header.appName} ${header.procId} ${ATNA_MSGID} [meta sequenceId="${sequenceId}"] ${BOM}${input.xml}`;
}

/** RFC 5425 §4.3 / RFC 6587 §3.4.1 octet counting: `MSG-LEN SP SYSLOG-MSG`, the length in bytes. */
export function frameOctetCounted(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}
