import { toDicomJson } from './toDicomJson.js';

const options = { bulkPaths: new Set(['00540016/0/00091010']), bulkDataURI: (p: string) => `bulk/${p}` };

describe('toDicomJson (PS3.18 Annex F)', () => {
  it('encodes PN as component groups, dropping empty groups and trailing padding', () => {
    const json = toDicomJson({ '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane ', Ideographic: '' }] } }, options);
    expect(json['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] });
  });

  it('encodes DS and IS as JSON numbers from their text, empty values as null', () => {
    const json = toDicomJson(
      {
        '00280030': { vr: 'DS', Value: [0.5, 1.5], _rawValue: ['0.50', '1.5 '] },
        '00200013': { vr: 'IS', Value: [7], _rawValue: ['7 '] },
        '00181041': { vr: 'DS', Value: [], _rawValue: ['1e3', ''] },
      },
      options,
    );
    expect(json['00280030']).toEqual({ vr: 'DS', Value: [0.5, 1.5] });
    expect(json['00200013']).toEqual({ vr: 'IS', Value: [7] });
    expect(json['00181041']).toEqual({ vr: 'DS', Value: [1000, null] });
  });

  it('encodes AT as 8 upper-case hex digits', () => {
    expect(toDicomJson({ '00209165': { vr: 'AT', Value: [0x7fe00010] } }, options)['00209165']).toEqual({ vr: 'AT', Value: ['7FE00010'] });
  });

  it('keeps empty values in multi-valued strings as null and leaves empty elements without Value', () => {
    const json = toDicomJson({ '00181030': { vr: 'LO', Value: ['a', '', 'b'] }, '00080050': { vr: 'SH', Value: [''] } }, options);
    expect(json['00181030']).toEqual({ vr: 'LO', Value: ['a', null, 'b'] });
    expect(json['00080050']).toEqual({ vr: 'SH' });
  });

  it('reports Specific Character Set as the file states it, not dcmjs\'s UTF-8 rewrite', () => {
    const json = toDicomJson({ '00080005': { vr: 'CS', Value: ['ISO_IR 192'], _rawValue: ['ISO_IR 100'] } }, options);
    expect(json['00080005']).toEqual({ vr: 'CS', Value: ['ISO_IR 100'] });
  });

  it('nests sequences and chooses BulkDataURI by path, InlineBinary otherwise', () => {
    const json = toDicomJson(
      {
        '00540016': {
          vr: 'SQ',
          Value: [{ '00091010': { vr: 'OB', Value: [new Uint8Array(2000).buffer] }, '00091011': { vr: 'OB', Value: [new Uint8Array([1, 2, 3, 0]).buffer] } }],
        },
        '00081032': { vr: 'SQ', Value: [] },
      },
      options,
    );
    expect(json['00540016']).toEqual({
      vr: 'SQ',
      Value: [{ '00091010': { vr: 'OB', BulkDataURI: 'bulk/00540016/0/00091010' }, '00091011': { vr: 'OB', InlineBinary: 'AQIDAA==' } }],
    });
    expect(json['00081032']).toEqual({ vr: 'SQ' });
  });

  it('passes numbers of binary integer VRs through', () => {
    expect(toDicomJson({ '00280010': { vr: 'US', Value: [512] }, '00186011': { vr: 'FD', Value: [1.25, -2] } }, options)).toEqual({
      '00186011': { vr: 'FD', Value: [1.25, -2] },
      '00280010': { vr: 'US', Value: [512] },
    });
  });
});
