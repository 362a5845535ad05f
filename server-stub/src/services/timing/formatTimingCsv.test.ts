import { formatCsvField, formatTimingCsv } from './formatTimingCsv.js';

describe('formatCsvField (RFC 4180)', () => {
  it.each<[string | number | null, string]>([
    ['plain', 'plain'],
    [1234, '1234'],
    [null, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['line\nfeed', '"line\nfeed"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-1,2', `"'-1,2"`],
    ['@cmd', "'@cmd"],
  ])('%j → %j', (value, expected) => {
    expect(formatCsvField(value)).toBe(expected);
  });
});

describe('formatTimingCsv', () => {
  it('writes a header and CRLF-terminated rows, quoting what needs it', () => {
    const csv = formatTimingCsv({
      generatedAt: '2026-11-28T05:00:00.000Z',
      filters: {},
      rule: 'union',
      labelers: [{ labelerId: 'dr "house", md', activeMs: 90_000, cases: [] }],
    });
    expect(csv).toBe(
      'labeler_id,project_id,study_instance_uid,level,finding_type_id,label_id,label_count,active_ms,active_minutes\r\n' +
        '"dr ""house"", md",,,labeler,,,,90000,1.50\r\n',
    );
  });
});
