import { validateClientEvent } from './validate';

const snapshot = {
  labelId: '0192f0c8-0000-7000-8000-000000000001',
  projectId: 'lung-nodules',
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: { composition: 'solid' },
  status: 'draft',
  scope: 'image',
  StudyInstanceUID: '1.2.826.0.1.3680043.8.498.1',
  SeriesInstanceUID: '1.2.826.0.1.3680043.8.498.2',
  SOPInstanceUID: '1.2.826.0.1.3680043.8.498.3',
  geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [10, 0, 0]] },
  measurements: [{ name: 'length', value: 10, unit: 'mm' }],
};
const event = (overrides: Record<string, unknown> = {}) => ({
  eventId: '0192f0c8-0000-7000-8000-0000000000aa',
  type: 'label.created',
  occurredAt: '2026-11-28T05:01:49.123Z',
  payload: snapshot,
  ...overrides,
});

describe('validateClientEvent', () => {
  it('accepts a well-formed label event', () => {
    expect(validateClientEvent(event())).toEqual({ ok: true, value: event() });
  });

  it.each([
    ['an unknown type', event({ type: 'label.exploded' }), '/type: must be one of'],
    ['a non-object', 'label', '/type: must be one of'],
    ['a bad UID', event({ payload: { ...snapshot, SOPInstanceUID: '1.2.abc' } }), '/payload/SOPInstanceUID'],
    ['an over-long UID', event({ payload: { ...snapshot, StudyInstanceUID: '1.'.repeat(40) + '1' } }), '/payload/StudyInstanceUID'],
    ['a missing eventId', event({ eventId: undefined }), '/eventId'],
    ['a timestamp without zone', event({ occurredAt: '2026-11-28T05:01:49' }), '/occurredAt'],
    ['an extra field', event({ payload: { ...snapshot, PatientName: 'DOE^JANE' } }), '/payload'],
    ['a 2D point', event({ payload: { ...snapshot, geometry: { kind: 'length', toolName: 'Length', points: [[0, 0]] } } }), '/payload/geometry'],
    ['an unknown status', event({ payload: { ...snapshot, status: 'final' } }), '/payload/status'],
  ])('rejects %s with the path of the problem', (_name, input, path) => {
    const result = validateClientEvent(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(path);
  });

  it('never echoes the rejected value (it may be PHI)', () => {
    const result = validateClientEvent(event({ payload: { ...snapshot, text: 'x'.repeat(2000) + 'DOE^JANE' } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).not.toContain('DOE^JANE');
  });
});
