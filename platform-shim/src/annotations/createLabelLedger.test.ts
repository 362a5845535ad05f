import type { ClientEvent } from '../contract/events';
import type { LabelSnapshot } from '../contract/labels';
import { createLabelLedger } from './createLabelLedger';

const label: LabelSnapshot = {
  labelId: '0192f0c8-0000-7000-8000-000000000002',
  projectId: 'lung',
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: { composition: 'solid', diameter: 6 },
  status: 'draft',
  scope: 'series',
  StudyInstanceUID: '1.2.1',
  SeriesInstanceUID: '1.2.2',
  geometry: { kind: 'segmentation', segmentNumber: 1, Rows: 2, Columns: 2, frames: [{ SOPInstanceUID: '1.2.3', mask: 'AQAAAAEAAAA=' }] },
};

function setup() {
  const sent: ClientEvent[] = [];
  const ledger = createLabelLedger({ sender: { send: async e => void sent.push(e) }, now: () => new Date('2026-11-28T10:00:00Z') });
  return { ledger, sent };
}

describe('createLabelLedger', () => {
  it('sends an attribute edit as label.modified, and nothing for the same values in another key order', () => {
    const { ledger, sent } = setup();
    ledger.markKnown(label);
    expect(ledger.update({ ...label, attributes: { diameter: 6, composition: 'solid' } })).toBe(false);
    expect(ledger.update({ ...label, attributes: { composition: 'part-solid', diameter: 6 } })).toBe(true);
    expect(sent).toEqual([expect.objectContaining({ type: 'label.modified', occurredAt: '2026-11-28T10:00:00.000Z', payload: expect.objectContaining({ attributes: { composition: 'part-solid', diameter: 6 } }) })]);
  });

  it('sends a repainted mask as label.modified', () => {
    const { ledger, sent } = setup();
    ledger.markKnown(label);
    const frames = [{ SOPInstanceUID: '1.2.3', mask: 'AAAAAAQAAAA=' }];
    expect(ledger.update({ ...label, geometry: { ...label.geometry, frames } as LabelSnapshot['geometry'] })).toBe(true);
    expect(sent[0]?.type).toBe('label.modified');
  });

  it('keeps the known measurements when a change arrives before statistics are computed again', () => {
    const { ledger, sent } = setup();
    ledger.markKnown({ ...label, measurements: [{ name: 'volume', value: 3, unit: 'mm³' }] });
    ledger.update({ ...label, findingTypeId: 'mass' });
    expect(sent[0]).toMatchObject({ payload: { findingTypeId: 'mass', measurements: [{ name: 'volume', value: 3 }] } });
  });

  it('sends no measurement-only difference of a label restored from the server, but every edit (with its measurements) and what follows it', () => {
    const { ledger, sent } = setup();
    const volume = (value: number) => [{ name: 'volume', value, unit: 'mm³' }];
    ledger.markKnown(label);
    // Displaying it computes statistics the stored copy lacks, then others: neither is a change.
    expect(ledger.update({ ...label, measurements: volume(3) })).toBe(false);
    expect(ledger.update({ ...label, measurements: volume(4) })).toBe(false);
    expect(sent).toEqual([]);
    // A status change by the user is sent, with the measurements.
    expect(ledger.update({ ...label, status: 'submitted', measurements: volume(4) })).toBe(true);
    // The label is now the user's edit: statistics recomputed for it are sent too.
    expect(ledger.update({ ...label, status: 'submitted', measurements: volume(5) })).toBe(true);
    expect(sent.map(e => e.payload)).toEqual([
      expect.objectContaining({ status: 'submitted', measurements: volume(4) }),
      expect.objectContaining({ status: 'submitted', measurements: volume(5) }),
    ]);
  });

  it('sends statistics computed after a label drawn in this session was created', () => {
    const { ledger, sent } = setup();
    ledger.create(label);
    expect(ledger.update({ ...label, measurements: [{ name: 'volume', value: 3, unit: 'mm³' }] })).toBe(true);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
  });

  it('never sends an update for a label it does not know', () => {
    const { ledger, sent } = setup();
    expect(ledger.update(label)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('forgets a label whose creation the browser could not keep, and says why', async () => {
    const refused: string[] = [];
    const ledger = createLabelLedger({
      sender: { send: async () => Promise.reject(new Error('storage full')) },
      onRefused: (event, error) => refused.push(`${event.type}: ${error.message}`),
    });
    ledger.create(label);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(refused).toEqual(['label.created: storage full']);
    expect(ledger.has(label.labelId)).toBe(false);
  });

  it('removes a known label once, with its project, and can create it again (undo)', () => {
    const { ledger, sent } = setup();
    ledger.create(label);
    expect(ledger.remove(label.labelId)).toEqual(label);
    expect(ledger.remove(label.labelId)).toBeUndefined();
    ledger.create(label);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.removed', 'label.created']);
    expect(sent[1]!.payload).toEqual({ labelId: label.labelId, projectId: 'lung', StudyInstanceUID: '1.2.1' });
    expect(ledger.has(label.labelId)).toBe(true);
  });
});
