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
