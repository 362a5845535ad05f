import { buildTestInstance, uid } from '../../../test/dicomweb/fixtures/dicomFixtures.js';
import { memoryByteSource } from '../../dicomweb/dicom/byteSource.js';
import { describeDicomFile } from '../../dicomweb/dicom/describeDicomFile.js';
import { parseQidoQuery } from '../../dicomweb/qido/parseQidoQuery.js';
import { openTestDatabase, testDialect } from '../../../test/helper.js';
import { createDicomIndex } from './createDicomIndex.js';
import type { DicomIndex } from './DicomIndex.js';
import { toGlob, toLike } from './buildQidoWhere.js';

describe(`DICOM index matching (${testDialect})`, () => {
  let index: DicomIndex;
  let close: () => Promise<void>;
  const patients = [
    ['1', 'Doe^Jane', '20240115', '101500'],
    ['2', 'DOE^John^Paul', '20231231', '235959'],
    ['3', 'Müller^Hans', '20230301', '083000'],
    ['4', 'Smith^Anna[x]', '20220101', '120000'],
  ];

  beforeAll(async () => {
    const database = await openTestDatabase();
    close = database.close;
    index = createDicomIndex(database.db);
    for (const [n, PatientName, StudyDate, StudyTime] of patients) {
      const bytes = buildTestInstance({ StudyInstanceUID: uid(`7.${n}`), SeriesInstanceUID: uid(`8.${n}`), SOPInstanceUID: uid(`9.${n}`), PatientName, StudyDate, StudyTime });
      const described = await describeDicomFile(memoryByteSource(bytes));
      expect(await index.addInstance({ ...described, sha256: `${n}`.padStart(64, '0'), size: bytes.length, storageKey: 'k' })).toEqual({ outcome: 'stored' });
    }
  });

  afterAll(() => close());

  const find = async (params: Record<string, string>) =>
    (await index.query(parseQidoQuery('study', {}, params))).map(r => r.StudyInstanceUID.split('.').pop()).sort();

  it.each([
    [{ PatientName: 'doe*' }, ['1', '2']],
    [{ PatientName: 'Doe^Ja?e' }, ['1']],
    [{ PatientName: 'doe^jane' }, ['1']],
    [{ PatientName: 'muller*' }, ['3']],
    [{ PatientName: 'paul' }, []],
    [{ PatientName: 'paul', fuzzymatching: 'true' }, ['2']],
    [{ PatientName: 'jo', fuzzymatching: 'true' }, ['2']],
    [{ PatientName: 'smith^anna[x]' }, ['4']],
    [{ PatientName: '*[x]' }, ['4']],
    // LIKE's own wildcards in a value are plain characters.
    [{ PatientName: 'smith^ann_*' }, []],
    [{ PatientName: 'smith^ann%' }, []],
    [{ StudyDate: '20230101-20231231' }, ['2', '3']],
    [{ StudyDate: '-20230301' }, ['3', '4']],
    [{ StudyDate: '20231231-' }, ['1', '2']],
    // An upper bound includes every finer value under it: "10" covers 10:15.
    [{ StudyTime: '08-10' }, ['1', '3']],
    [{ StudyTime: '08-09' }, ['3']],
    [{ StudyTime: '1015' }, []],
    [{ StudyTime: '101500' }, ['1']],
  ])('%j finds %j', async (params, expected) => {
    expect(await find(params)).toEqual(expected);
  });

  it('refuses the same SOP Instance with different bytes and accepts identical bytes', async () => {
    const bytes = buildTestInstance({ StudyInstanceUID: uid('7.1'), SeriesInstanceUID: uid('8.1'), SOPInstanceUID: uid('9.1'), PatientName: 'Doe^Jane', StudyDate: '20240115' });
    const described = await describeDicomFile(memoryByteSource(bytes));
    expect(await index.addInstance({ ...described, sha256: '1'.padStart(64, '0'), size: 1, storageKey: 'k' })).toEqual({ outcome: 'duplicate' });
    expect(await index.addInstance({ ...described, sha256: 'f'.repeat(64), size: 1, storageKey: 'k' })).toEqual({ outcome: 'conflict', reason: 'different-content' });
    expect(await index.countInstances()).toBe(4);
  });

  it('escapes only [ for GLOB, since DICOM * and ? are GLOB wildcards', () => {
    expect(toGlob('a[b]*?')).toBe('a[[]b]*?');
  });

  it('turns DICOM wildcards into LIKE ones and escapes those of the value', () => {
    expect(toLike('a_b%c\\d*?')).toBe('a\\_b\\%c\\\\d%_');
  });
});
