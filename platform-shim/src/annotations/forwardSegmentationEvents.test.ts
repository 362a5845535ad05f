import type { ClientEvent } from '../contract/events';
import type { LabelSnapshot } from '../contract/labels';
import { createLabelLedger } from './createLabelLedger';
import { forwardSegmentationEvents, type SegmentReading } from './forwardSegmentationEvents';
import type { LabelShape } from './labelParts';

const labelId = '0192f0c8-0000-7000-8000-000000000003';
const shapeWith = (mask: string | undefined, id?: string): LabelShape => ({
  labelId: id ?? 'not-yet',
  scope: 'series',
  StudyInstanceUID: '1.2.1',
  SeriesInstanceUID: '1.2.2',
  geometry: { kind: 'segmentation', segmentNumber: 1, Rows: 2, Columns: 2, frames: mask ? [{ SOPInstanceUID: '1.2.3', mask }] : [] },
});
const labelled: LabelSnapshot = { ...shapeWith('AQAAAAEAAAA=', labelId), projectId: 'lung', schemaVersion: 1, findingTypeId: 'nodule', attributes: {}, status: 'draft' };

function setup(readings: () => SegmentReading[]) {
  const target = new EventTarget();
  const sent: ClientEvent[] = [];
  const unlabeled: SegmentReading[] = [];
  const problems: string[] = [];
  const ledger = createLabelLedger({ sender: { send: async e => void sent.push(e) } });
  const reads: string[] = [];
  const pendingCounts: number[] = [];
  const forwarder = forwardSegmentationEvents({
    eventTarget: target,
    eventName: 'SEG_DATA',
    ledger,
    readSegments: id => {
      reads.push(id);
      return readings();
    },
    onUnlabeledSegment: r => unlabeled.push(r),
    onProblem: p => problems.push(p),
    onPendingChange: count => pendingCounts.push(count),
    settleMs: 100,
  });
  const paint = (segmentationId = 'seg-1') => target.dispatchEvent(new CustomEvent('SEG_DATA', { detail: { segmentationId } }));
  return { forwarder, ledger, paint, sent, unlabeled, problems, reads, pendingCounts };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('forwardSegmentationEvents', () => {
  it('reads the labelmap once a brush stroke rests, not on every dab', () => {
    const { paint, reads } = setup(() => []);
    for (let i = 0; i < 20; i++) {
      paint();
      jest.advanceTimersByTime(20);
    }
    expect(reads).toEqual([]);
    jest.advanceTimersByTime(100);
    expect(reads).toEqual(['seg-1']);
  });

  it('hands a painted segment that is no label yet to the picker, and ignores an empty one', () => {
    const { paint, unlabeled, sent } = setup(() => [
      { segmentationId: 'seg-1', segmentIndex: 1, shape: shapeWith('AQAAAAEAAAA=') },
      { segmentationId: 'seg-1', segmentIndex: 2, shape: shapeWith(undefined) },
    ]);
    paint();
    jest.advanceTimersByTime(100);
    expect(unlabeled.map(r => r.segmentIndex)).toEqual([1]);
    expect(sent).toEqual([]);
  });

  it('sends a repainted label as label.modified with its terms, and an unchanged one not at all', () => {
    let mask = 'AQAAAAEAAAA=';
    const { ledger, paint, sent } = setup(() => [{ segmentationId: 'seg-1', segmentIndex: 1, labelId, shape: shapeWith(mask, labelId) }]);
    ledger.markKnown(labelled);
    paint();
    jest.advanceTimersByTime(100);
    expect(sent).toEqual([]);
    mask = 'AAAAAAQAAAA=';
    paint();
    jest.advanceTimersByTime(100);
    expect(sent).toEqual([expect.objectContaining({ type: 'label.modified', payload: expect.objectContaining({ findingTypeId: 'nodule', geometry: expect.objectContaining({ frames: [{ SOPInstanceUID: '1.2.3', mask }] }) }) })]);
  });

  it('reads pending edits at once on flush (before the case is submitted)', () => {
    const { paint, forwarder, reads } = setup(() => []);
    paint('seg-1');
    paint('seg-2');
    forwarder.flush();
    expect(reads.sort()).toEqual(['seg-1', 'seg-2']);
    jest.advanceTimersByTime(500);
    expect(reads).toHaveLength(2);
  });

  it('counts a segmentation as pending while its strokes settle (the status is not "saved" meanwhile)', () => {
    const { ledger, paint, sent, forwarder, pendingCounts } = setup(() => [{ segmentationId: 'seg-1', segmentIndex: 1, labelId, shape: shapeWith('AAAAAAQAAAA=', labelId) }]);
    ledger.markKnown(labelled);
    paint();
    paint();
    expect(forwarder.pending()).toBe(1);
    jest.advanceTimersByTime(150);
    expect(sent.map(e => e.type)).toEqual(['label.modified']);
    expect(forwarder.pending()).toBe(0);
    expect(pendingCounts).toEqual([1, 0]);
  });

  it('tells the user about a segment it cannot read', () => {
    const { paint, problems } = setup(() => [{ segmentationId: 'seg-1', segmentIndex: 3, problem: 'its image has no DICOM metadata' }]);
    paint();
    jest.advanceTimersByTime(100);
    expect(problems).toEqual(['Segment 3 is not saved: its image has no DICOM metadata.']);
  });

  it('stops listening when stopped', () => {
    const { paint, forwarder, reads } = setup(() => []);
    paint();
    forwarder.stop();
    paint();
    jest.advanceTimersByTime(500);
    expect(reads).toEqual([]);
  });
});
