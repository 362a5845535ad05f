import { parseQidoQuery, QidoQueryError } from './parseQidoQuery.js';

describe('parseQidoQuery', () => {
  it('reads keywords and tags, wildcards, ranges, UID lists, paging and includefield', () => {
    const query = parseQidoQuery('study', {}, {
      PatientName: 'Doe*',
      '00100020': 'PID?',
      StudyDate: '20240101-',
      StudyInstanceUID: '1.2.3\\1.2.4',
      limit: '10',
      offset: '5',
      includefield: ['00081030,00080060', 'StudyDescription'],
      fuzzymatching: 'true',
    });
    expect(query).toMatchObject({ limit: 10, offset: 5, fuzzy: true, includeAll: false });
    expect(query.matches.map(m => [m.tag, m.conditions])).toEqual([
      ['00100010', [{ type: 'wildcard', pattern: 'Doe*' }]],
      ['00100020', [{ type: 'wildcard', pattern: 'PID?' }]],
      ['00080020', [{ type: 'range', from: '20240101', to: undefined }]],
      ['0020000D', [{ type: 'list', values: ['1.2.3', '1.2.4'] }]],
    ]);
    expect(query.includeTags).toEqual(expect.arrayContaining(['00081030', '00080060', '00100010']));
  });

  it.each([
    ['-20240101', { type: 'range', from: undefined, to: '20240101' }],
    ['20240101-20241231', { type: 'range', from: '20240101', to: '20241231' }],
    ['20240101', { type: 'single', value: '20240101' }],
  ])('parses the date %s', (value, condition) => {
    expect(parseQidoQuery('study', {}, { StudyDate: value }).matches[0]!.conditions).toEqual([condition]);
  });

  it('treats empty values and a lone * as universal matching (returned, not matched)', () => {
    const query = parseQidoQuery('study', {}, { PatientName: '', AccessionNumber: '*' });
    expect(query.matches).toEqual([]);
    expect(query.includeTags).toEqual(['00100010', '00080050']);
  });

  it.each([
    [{ Bogus: '1' }, /unknown query parameter/],
    [{ StudyDate: '2024-01-01' }, /StudyDate/],
    [{ StudyDate: '20241231-20240101' }, /StudyDate/],
    [{ StudyInstanceUID: '1.2.x' }, /UID/],
    [{ limit: 'ten' }, /limit/],
    [{ fuzzymatching: 'yes' }, /fuzzymatching/],
    [{ includefield: 'NoSuchThing' }, /includefield/],
    [{ 'ReferencedSeriesSequence.SeriesInstanceUID': '1.2' }, /sequence/],
    [{ PatientID: ['a', 'b'] }, /more than once/],
  ])('rejects %j', (params, message) => {
    expect(() => parseQidoQuery('study', {}, params as Record<string, string>)).toThrow(QidoQueryError);
    expect(() => parseQidoQuery('study', {}, params as Record<string, string>)).toThrow(message);
  });

  it('refuses keys of a lower level than the query', () => {
    expect(() => parseQidoQuery('series', {}, { SOPInstanceUID: '1.2' })).toThrow(/not a matching key at series level/);
    expect(parseQidoQuery('instance', {}, { PatientID: 'x', Modality: 'CT' }).matches.map(m => m.level)).toEqual(['study', 'series']);
  });
});
