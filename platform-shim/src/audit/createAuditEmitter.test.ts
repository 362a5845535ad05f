import type { ClientEvent } from '../contract/events';
import { validateClientEvent } from '../contract/validate';
import { createAuditEmitter } from './createAuditEmitter';

describe('createAuditEmitter', () => {
  it('emits one valid study.opened event per study until reset', () => {
    const sent: ClientEvent[] = [];
    const audit = createAuditEmitter({ sender: { send: async e => void sent.push(e) }, now: () => new Date('2026-11-28T05:00:00Z') });
    audit.studyOpened('1.2.3', 'labeling');
    audit.studyOpened('1.2.3', 'labeling');
    audit.studyOpened('1.2.4');
    audit.reset();
    audit.studyOpened('1.2.3');
    expect(sent.map(e => e.payload.StudyInstanceUID)).toEqual(['1.2.3', '1.2.4', '1.2.3']);
    expect(sent[0]).toMatchObject({ type: 'audit', occurredAt: '2026-11-28T05:00:00.000Z', payload: { action: 'study.opened', mode: 'labeling' } });
    expect(sent.every(e => validateClientEvent(e).ok)).toBe(true);
  });
});

describe('createAuditEmitter: series.displayed', () => {
  const ct = { StudyInstanceUID: '1.2.3', SeriesInstanceUID: '1.2.3.1' };
  const scout = { StudyInstanceUID: '1.2.3', SeriesInstanceUID: '1.2.3.2' };
  const prior = { StudyInstanceUID: '1.2.9', SeriesInstanceUID: '1.2.9.1' };

  it('emits one valid event per series shown, however often the viewports show it again, until reset', () => {
    const sent: ClientEvent[] = [];
    const audit = createAuditEmitter({ sender: { send: async e => void sent.push(e) }, now: () => new Date('2026-11-28T05:00:00Z') });
    audit.seriesDisplayed([ct], 'labeling');
    audit.seriesDisplayed([ct, scout, ct]);
    audit.seriesDisplayed([scout, prior]);
    audit.seriesDisplayed([]);
    audit.studyOpened('1.2.3');
    audit.reset();
    audit.seriesDisplayed([ct]);
    const audits = sent.map(e => (e.type === 'audit' ? e.payload : undefined));
    expect(audits.map(p => [p?.action, p?.StudyInstanceUID, p?.SeriesInstanceUID])).toEqual([
      ['series.displayed', '1.2.3', '1.2.3.1'],
      ['series.displayed', '1.2.3', '1.2.3.2'],
      ['series.displayed', '1.2.9', '1.2.9.1'],
      ['study.opened', '1.2.3', undefined],
      ['series.displayed', '1.2.3', '1.2.3.1'],
    ]);
    expect(sent[0]).toMatchObject({ type: 'audit', occurredAt: '2026-11-28T05:00:00.000Z', payload: { action: 'series.displayed', mode: 'labeling' } });
    expect(sent.every(e => validateClientEvent(e).ok)).toBe(true);
  });

  it('skips a display set without a series (nothing to report), and the same series UID in another study is another series', () => {
    const sent: ClientEvent[] = [];
    const audit = createAuditEmitter({ sender: { send: async e => void sent.push(e) } });
    audit.seriesDisplayed([{ StudyInstanceUID: '1.2.3', SeriesInstanceUID: '' }, ct, { StudyInstanceUID: '1.2.4', SeriesInstanceUID: ct.SeriesInstanceUID }]);
    expect(sent.map(e => e.payload.StudyInstanceUID)).toEqual(['1.2.3', '1.2.4']);
  });
});
