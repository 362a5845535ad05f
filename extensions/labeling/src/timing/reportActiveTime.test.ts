import { validateClientEvent, type ClientEvent } from '@readingroom/platform-shim';
import { createTimingReporter } from './reportActiveTime';

const t0 = Date.parse('2026-11-28T09:00:00.000Z');

describe('createTimingReporter', () => {
  it('sends a valid timing.segment for a label, with its finding type and project', () => {
    const sent: ClientEvent[] = [];
    const report = createTimingReporter({ send: async e => void sent.push(e) }, () => ({ StudyInstanceUID: '1.2.3', projectId: 'lung' }));
    report({ target: { kind: 'label', labelId: '0192f0c8-0000-7000-8000-000000000009', findingTypeId: 'nodule' }, startedAt: t0, endedAt: t0 + 1234.4 });
    expect(sent).toHaveLength(1);
    expect(validateClientEvent(sent[0])).toMatchObject({ ok: true });
    expect(sent[0]!.payload).toEqual({
      StudyInstanceUID: '1.2.3',
      projectId: 'lung',
      labelId: '0192f0c8-0000-7000-8000-000000000009',
      findingTypeId: 'nodule',
      startedAt: '2026-11-28T09:00:00.000Z',
      endedAt: '2026-11-28T09:00:01.234Z',
      activeMs: 1234,
    });
  });

  it('sends case time without a label, and nothing without a case or for no time', () => {
    const sent: ClientEvent[] = [];
    const current: { value?: { StudyInstanceUID: string } } = {};
    const report = createTimingReporter({ send: async e => void sent.push(e) }, () => current.value);
    report({ target: { kind: 'case' }, startedAt: t0, endedAt: t0 + 500 });
    current.value = { StudyInstanceUID: '1.2.3' };
    report({ target: { kind: 'case' }, startedAt: t0, endedAt: t0 + 0.2 });
    report({ target: { kind: 'case' }, startedAt: t0, endedAt: t0 + 500 });
    expect(sent.map(e => e.payload)).toEqual([{ StudyInstanceUID: '1.2.3', startedAt: '2026-11-28T09:00:00.000Z', endedAt: '2026-11-28T09:00:00.500Z', activeMs: 500 }]);
  });
});
