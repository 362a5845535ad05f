import { formatSyslogMessage, frameOctetCounted } from './formatSyslogMessage.js';

const header = { hostname: 'rr-node', appName: 'readingroom', procId: '4242' };

describe('formatSyslogMessage (RFC 5424 for ATNA)', () => {
  it('writes facility 10 with notice severity, the ATNA MSGID, the seq as meta sequenceId and the XML after a BOM', () => {
    const message = formatSyslogMessage(header, { seq: 7, timestamp: '2026-01-31T08:15:00.000Z', warning: false, xml: '<AuditMessage/>' });
    expect(message).toBe('<85>1 2026-01-31T08:15:00.000Z rr-node readingroom 4242 IHE+RFC-3881 [meta sequenceId="7"] \uFEFF<AuditMessage/>');
  });

  it('sends failures and alerts as warnings (severity 4)', () => {
    expect(formatSyslogMessage(header, { seq: 1, timestamp: '2026-01-31T08:15:00.000Z', warning: true, xml: '<a/>' })).toMatch(/^<84>1 /);
  });

  it.each([
    [2147483647, 2147483647],
    [2147483648, 1],
    [2147483649, 2],
  ])('keeps sequenceId within 1…2147483647 (seq %d → %d)', (seq, sequenceId) => {
    expect(formatSyslogMessage(header, { seq, timestamp: '2026-01-31T08:15:00.000Z', warning: false, xml: '<a/>' })).toContain(`[meta sequenceId="${sequenceId}"]`);
  });
});

describe('frameOctetCounted (RFC 5425 §4.3)', () => {
  it('prefixes the length in bytes, not characters', () => {
    const message = 'é€😀';
    const frame = frameOctetCounted(message);
    expect(frame.toString('utf8')).toBe(`9 ${message}`);
    expect(Buffer.byteLength(message)).toBe(9);
  });
});
