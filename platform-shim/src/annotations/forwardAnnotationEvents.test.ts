import type { ClientEvent } from '../contract/events';
import { forwardAnnotationEvents, type LabelChange } from './forwardAnnotationEvents';
import type { CornerstoneAnnotation } from './annotationTypes';

const eventNames = { completed: 'COMPLETED', modified: 'MODIFIED', removed: 'REMOVED' };
const image = { StudyInstanceUID: '1.2.1', SeriesInstanceUID: '1.2.2', SOPInstanceUID: '1.2.3' };

function setup() {
  const target = new EventTarget();
  const sent: ClientEvent[] = [];
  const changes: LabelChange[] = [];
  const problems: string[] = [];
  const forwarder = forwardAnnotationEvents({
    eventTarget: target,
    eventNames,
    lookupImage: id => (id === 'img-1' ? image : undefined),
    sender: { send: async e => void sent.push(e) },
    onChange: c => changes.push(c),
    onProblem: p => problems.push(p),
    settleMs: 100,
  });
  const fire = (name: string, annotation: CornerstoneAnnotation) =>
    target.dispatchEvent(new CustomEvent(name, { detail: { annotation } }));
  return { forwarder, fire, sent, changes, problems };
}

const annotation = (points: number[][], uid = '0192f0c8-0000-7000-8000-000000000001'): CornerstoneAnnotation => ({
  annotationUID: uid,
  metadata: { toolName: 'Length', referencedImageId: 'img-1' },
  data: { handles: { points } },
});

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('forwardAnnotationEvents', () => {
  it('sends label.created when an annotation is completed and tells the UI', () => {
    const { fire, sent, changes } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'label.created', payload: { labelId: '0192f0c8-0000-7000-8000-000000000001', SOPInstanceUID: '1.2.3' } });
    expect(changes[0]).toMatchObject({ kind: 'upsert' });
  });

  it('ignores modifications while an annotation is still being drawn', () => {
    const { fire, sent } = setup();
    fire('MODIFIED', annotation([[0, 0, 0], [1, 0, 0]]));
    jest.advanceTimersByTime(1000);
    expect(sent).toHaveLength(0);
  });

  it('sends one label.modified after a drag settles, with the final geometry', () => {
    const { fire, sent } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    for (let x = 2; x <= 6; x++) {
      fire('MODIFIED', annotation([[0, 0, 0], [x, 0, 0]]));
      jest.advanceTimersByTime(50);
    }
    jest.advanceTimersByTime(100);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    expect(sent[1]).toMatchObject({ payload: { geometry: { points: [[0, 0, 0], [6, 0, 0]] } } });
  });

  it('sends the statistics Cornerstone computes after completion (they may lag the last drag)', () => {
    const { fire, sent } = setup();
    const stale = annotation([[0, 0, 0], [6, 0, 0]]);
    stale.data!.cachedStats = { t: { length: 4, unit: 'mm' } };
    fire('COMPLETED', stale);
    const updated = annotation([[0, 0, 0], [6, 0, 0]]);
    updated.data!.cachedStats = { t: { length: 6, unit: 'mm' } };
    fire('MODIFIED', updated);
    jest.advanceTimersByTime(200);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    expect(sent[1]).toMatchObject({ payload: { measurements: [{ name: 'length', value: 6, unit: 'mm' }] } });
  });

  it('does not resend a label whose geometry did not change (statistics recomputed on render)', () => {
    const { forwarder, fire, sent } = setup();
    forwarder.markKnown({
      labelId: '0192f0c8-0000-7000-8000-000000000001',
      ...image,
      toolName: 'Length',
      geometry: { points: [[0, 0, 0], [1, 0, 0]] },
      measurements: [{ name: 'length', value: 1, unit: 'mm' }],
    });
    const restored = annotation([[0, 0, 0], [1.0000001, 0, 0]]);
    restored.data!.cachedStats = { t: { length: 1.0000001, unit: 'mm' } };
    fire('MODIFIED', restored);
    jest.advanceTimersByTime(200);
    expect(sent).toHaveLength(0);
  });

  it('does not send a redrawn label whose statistics are not computed yet (regression: measurements wiped after reload)', () => {
    const { forwarder, fire, sent } = setup();
    forwarder.markKnown({
      labelId: '0192f0c8-0000-7000-8000-000000000001',
      ...image,
      toolName: 'Length',
      geometry: { points: [[0, 0, 0], [6, 0, 0]] },
      measurements: [{ name: 'length', value: 6, unit: 'mm' }],
    });
    fire('MODIFIED', annotation([[0, 0, 0], [6, 0, 0]]));
    jest.advanceTimersByTime(1000);
    expect(sent).toHaveLength(0);
  });

  it('sends label.removed for a known label and drops a pending edit', () => {
    const { fire, sent, changes } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    fire('MODIFIED', annotation([[0, 0, 0], [3, 0, 0]]));
    fire('REMOVED', annotation([[0, 0, 0], [3, 0, 0]]));
    jest.advanceTimersByTime(200);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.removed']);
    expect(sent[1]!.payload).toEqual({ labelId: '0192f0c8-0000-7000-8000-000000000001', StudyInstanceUID: '1.2.1' });
    expect(changes.at(-1)).toEqual({ kind: 'removed', labelId: '0192f0c8-0000-7000-8000-000000000001', StudyInstanceUID: '1.2.1' });
  });

  it('tells the user when an annotation cannot be saved as a label', () => {
    const { fire, sent, problems } = setup();
    fire('COMPLETED', { ...annotation([[0, 0, 0]]), metadata: { toolName: 'Length' } });
    expect(sent).toHaveLength(0);
    expect(problems[0]).toContain('This Length is not saved as a label: the annotation is not on an acquired image');
  });

  it('stops listening when stopped', () => {
    const { forwarder, fire, sent } = setup();
    forwarder.stop();
    fire('COMPLETED', annotation([[0, 0, 0]]));
    expect(sent).toHaveLength(0);
  });
});
