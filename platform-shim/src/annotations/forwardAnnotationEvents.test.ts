import type { ClientEvent } from '../contract/events';
import type { LabelSnapshot } from '../contract/labels';
import { createLabelLedger, type LabelChange } from './createLabelLedger';
import { forwardAnnotationEvents } from './forwardAnnotationEvents';
import type { CornerstoneAnnotation } from './annotationTypes';
import type { LabelShape, LabelTerms } from './labelParts';

const eventNames = { completed: 'COMPLETED', modified: 'MODIFIED', removed: 'REMOVED', rendered: 'RENDERED' };
const image = { StudyInstanceUID: '1.2.1', SeriesInstanceUID: '1.2.2', SOPInstanceUID: '1.2.3' };
const uid = '0192f0c8-0000-7000-8000-000000000001';
const terms: LabelTerms = { projectId: 'lung', schemaVersion: 2, findingTypeId: 'nodule', attributes: { composition: 'solid' }, status: 'draft' };

function setup(current?: (labelId: string) => CornerstoneAnnotation | undefined) {
  const target = new EventTarget();
  const sent: ClientEvent[] = [];
  const changes: LabelChange[] = [];
  const drafts: LabelShape[] = [];
  const draftsRemoved: string[] = [];
  const problems: string[] = [];
  const pendingCounts: number[] = [];
  // Cornerstone fires ANNOTATION_RENDERED on a viewport element, without bubbling.
  const document = new Document();
  const viewportElement = document.appendChild(document.createElement('div'));
  const ledger = createLabelLedger({ sender: { send: async e => void sent.push(e) }, onChange: c => changes.push(c) });
  const forwarder = forwardAnnotationEvents({
    eventTarget: target,
    eventNames,
    lookupImage: id => (id === 'img-1' ? image : undefined),
    ledger,
    onDraft: shape => drafts.push(shape),
    onDraftRemoved: id => draftsRemoved.push(id),
    onProblem: p => problems.push(p),
    renderTarget: document,
    ...(current ? { currentAnnotation: current } : {}),
    onPendingChange: count => pendingCounts.push(count),
    settleMs: 100,
  });
  const fire = (name: string, annotation: CornerstoneAnnotation) => target.dispatchEvent(new CustomEvent(name, { detail: { annotation } }));
  const rendered = () => viewportElement.dispatchEvent(new CustomEvent('RENDERED', { bubbles: false }));
  return { forwarder, ledger, fire, rendered, sent, changes, drafts, draftsRemoved, problems, pendingCounts };
}

const annotation = (points: number[][], length?: number): CornerstoneAnnotation => ({
  annotationUID: uid,
  metadata: { toolName: 'Length', referencedImageId: 'img-1' },
  data: { handles: { points }, ...(length === undefined ? {} : { cachedStats: { t: { length, unit: 'mm' } } }) },
});

const known = (points: number[][], length: number): LabelSnapshot => ({
  labelId: uid,
  ...terms,
  scope: 'image',
  ...image,
  geometry: { kind: 'length', toolName: 'Length', points: points as Array<[number, number, number]> },
  measurements: [{ name: 'length', value: length, unit: 'mm' }],
});

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** A freehand ROI as completed, before Cornerstone has computed its statistics. */
function freehandWithoutStatistics(): CornerstoneAnnotation {
  return {
    annotationUID: uid,
    metadata: { toolName: 'PlanarFreehandROI', referencedImageId: 'img-1' },
    data: { contour: { polyline: [[0, 0, 0], [4, 0, 0], [4, 4, 0]], closed: true }, cachedStats: {} },
  };
}

describe('forwardAnnotationEvents', () => {
  it('holds a completed annotation as a draft for the picker and sends nothing yet (never an unlabeled label)', () => {
    const { fire, sent, drafts } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    expect(sent).toHaveLength(0);
    expect(drafts).toEqual([expect.objectContaining({ labelId: uid, SOPInstanceUID: '1.2.3', geometry: expect.objectContaining({ kind: 'length' }) })]);
  });

  it('sends label.created with the picked terms and the geometry as it is when the picker accepts', () => {
    const { forwarder, fire, sent, changes } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    // Statistics and a handle nudge arrive while the picker is open.
    fire('MODIFIED', annotation([[0, 0, 0], [2, 0, 0]], 2));
    expect(forwarder.accept(uid, terms)).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'label.created',
      payload: { labelId: uid, findingTypeId: 'nodule', attributes: { composition: 'solid' }, geometry: { points: [[0, 0, 0], [2, 0, 0]] }, measurements: [{ value: 2 }] },
    });
    expect(changes[0]).toMatchObject({ kind: 'upsert', change: 'created' });
  });

  it('sends nothing for a discarded draft, not even when its annotation is then removed', () => {
    const { forwarder, fire, sent } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    forwarder.discard(uid);
    fire('REMOVED', annotation([[0, 0, 0], [1, 0, 0]]));
    jest.advanceTimersByTime(1000);
    expect(sent).toHaveLength(0);
  });

  it('tells the UI when a draft annotation disappears before it is named (the picker closes)', () => {
    const { fire, sent, draftsRemoved } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    fire('REMOVED', annotation([[0, 0, 0], [1, 0, 0]]));
    expect(draftsRemoved).toEqual([uid]);
    expect(sent).toHaveLength(0);
  });

  it('ignores modifications while an annotation is still being drawn', () => {
    const { fire, sent } = setup();
    fire('MODIFIED', annotation([[0, 0, 0], [1, 0, 0]]));
    jest.advanceTimersByTime(1000);
    expect(sent).toHaveLength(0);
  });

  it('sends one label.modified after a drag settles, with the final geometry and the same terms', () => {
    const { forwarder, fire, sent } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    forwarder.accept(uid, terms);
    for (let x = 2; x <= 6; x++) {
      fire('MODIFIED', annotation([[0, 0, 0], [x, 0, 0]]));
      jest.advanceTimersByTime(50);
    }
    jest.advanceTimersByTime(100);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    expect(sent[1]).toMatchObject({ payload: { geometry: { points: [[0, 0, 0], [6, 0, 0]] }, findingTypeId: 'nodule', attributes: { composition: 'solid' } } });
  });

  it('sends the statistics Cornerstone computes after the label was created (they may lag the last drag)', () => {
    const { forwarder, fire, sent } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [6, 0, 0]], 4));
    forwarder.accept(uid, terms);
    fire('MODIFIED', annotation([[0, 0, 0], [6, 0, 0]], 6));
    jest.advanceTimersByTime(200);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    expect(sent[1]).toMatchObject({ payload: { measurements: [{ name: 'length', value: 6, unit: 'mm' }] } });
  });

  it('does not resend a restored label whose geometry did not change (statistics recomputed on render)', () => {
    const { ledger, fire, sent } = setup();
    ledger.markKnown(known([[0, 0, 0], [1, 0, 0]], 1));
    fire('MODIFIED', annotation([[0, 0, 0], [1.0000001, 0, 0]], 1.0000001));
    jest.advanceTimersByTime(200);
    expect(sent).toHaveLength(0);
  });

  it('does not send a redrawn label whose statistics are not computed yet (regression: measurements wiped after reload)', () => {
    const { ledger, fire, sent } = setup();
    ledger.markKnown(known([[0, 0, 0], [6, 0, 0]], 6));
    fire('MODIFIED', annotation([[0, 0, 0], [6, 0, 0]]));
    jest.advanceTimersByTime(1000);
    expect(sent).toHaveLength(0);
  });

  it('sends a settling edit at once on flush (before the case is submitted), and only once', () => {
    const { forwarder, fire, sent } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    forwarder.accept(uid, terms);
    fire('MODIFIED', annotation([[0, 0, 0], [4, 0, 0]]));
    forwarder.flush();
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    jest.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });

  it('does not send the partial statistics of a redrawn ROI (area before the pixels arrive), then nothing once they match', () => {
    const { ledger, fire, sent } = setup();
    const roi = (stats: Record<string, unknown>): CornerstoneAnnotation => ({
      annotationUID: uid,
      metadata: { toolName: 'RectangleROI', referencedImageId: 'img-1' },
      data: { handles: { points: [[0, 0, 0], [4, 0, 0], [0, 4, 0], [4, 4, 0]] }, cachedStats: { t: stats } },
    });
    ledger.markKnown({
      labelId: uid,
      ...terms,
      scope: 'image',
      ...image,
      geometry: { kind: 'rectangle', toolName: 'RectangleROI', points: [[0, 0, 0], [4, 0, 0], [0, 4, 0], [4, 4, 0]] },
      measurements: [{ name: 'area', value: 16, unit: 'mm²' }, { name: 'mean', value: -400, unit: 'HU' }],
    });
    fire('MODIFIED', roi({ area: 16, areaUnit: 'mm²' }));
    jest.advanceTimersByTime(200);
    fire('MODIFIED', roi({ area: 16, areaUnit: 'mm²', mean: -400, modalityUnit: 'HU' }));
    jest.advanceTimersByTime(200);
    expect(sent).toHaveLength(0);
  });

  it('sends nothing for a restored label whose statistics differ only by being displayed, but a user edit with them, and its statistics after', () => {
    const { ledger, fire, sent } = setup();
    const roi = (points: number[][], stats: Record<string, unknown>): CornerstoneAnnotation => ({
      annotationUID: uid,
      metadata: { toolName: 'RectangleROI', referencedImageId: 'img-1' },
      data: { handles: { points }, cachedStats: { t: stats } },
    });
    const square = [[0, 0, 0], [4, 0, 0], [0, 4, 0], [4, 4, 0]];
    const wider = [[0, 0, 0], [5, 0, 0], [0, 4, 0], [5, 4, 0]];
    // Saved without statistics (or with others than this viewer computes): displaying it sends nothing.
    ledger.markKnown({ labelId: uid, ...terms, scope: 'image', ...image, geometry: { kind: 'rectangle', toolName: 'RectangleROI', points: square as Array<[number, number, number]> } });
    fire('MODIFIED', roi(square, { area: 16, areaUnit: 'mm²', mean: -400, modalityUnit: 'HU' }));
    jest.advanceTimersByTime(200);
    expect(sent).toHaveLength(0);
    // The user drags a handle: sent, and the statistics Cornerstone computes for the new shape follow.
    fire('MODIFIED', roi(wider, { area: 16, areaUnit: 'mm²', mean: -400, modalityUnit: 'HU' }));
    jest.advanceTimersByTime(200);
    fire('MODIFIED', roi(wider, { area: 20, areaUnit: 'mm²', mean: -390, modalityUnit: 'HU' }));
    jest.advanceTimersByTime(200);
    expect(sent.map(e => e.type)).toEqual(['label.modified', 'label.modified']);
    expect(sent[0]).toMatchObject({ payload: { geometry: { points: wider } } });
    expect(sent[1]).toMatchObject({ payload: { measurements: [{ name: 'area', value: 20 }, { name: 'mean', value: -390 }] } });
  });

  it('sends statistics Cornerstone writes during a render without ANNOTATION_MODIFIED (regression: a freehand saved without them)', () => {
    const { forwarder, fire, rendered, sent } = setup();
    const freehand = freehandWithoutStatistics();
    fire('COMPLETED', freehand);
    forwarder.accept(uid, terms);
    expect(sent[0]!.payload).not.toHaveProperty('measurements');
    // PlanarFreehandROI computes its statistics on a later render and announces them only when the
    // annotation was invalidated: here the live annotation just gains them.
    freehand.data!.cachedStats = { t: { area: 8, areaUnit: 'mm²', mean: -600, modalityUnit: 'HU' } };
    rendered();
    jest.advanceTimersByTime(200);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    expect(sent[1]).toMatchObject({ payload: { measurements: [{ name: 'area', value: 8 }, { name: 'mean', value: -600 }] } });
    // Renders with nothing new send nothing.
    rendered();
    jest.advanceTimersByTime(200);
    expect(sent).toHaveLength(2);
  });

  it('reads the statistics from the annotation Cornerstone holds now, should it be another object than the events gave', () => {
    const live = new Map<string, CornerstoneAnnotation>();
    const { forwarder, fire, rendered, sent } = setup(labelId => live.get(labelId));
    const contour = { polyline: [[0, 0, 0], [4, 0, 0], [4, 4, 0]], closed: true };
    const drawn: CornerstoneAnnotation = { annotationUID: uid, metadata: { toolName: 'PlanarFreehandROI', referencedImageId: 'img-1' }, data: { contour, cachedStats: {} } };
    fire('COMPLETED', drawn);
    forwarder.accept(uid, terms);
    live.set(uid, { ...drawn, data: { contour, cachedStats: { t: { area: 8, areaUnit: 'mm²' } } } });
    rendered();
    jest.advanceTimersByTime(200);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    expect(sent[1]).toMatchObject({ payload: { measurements: [{ name: 'area', value: 8 }] } });
  });

  it('sends such statistics on flush too (submitting right after drawing)', () => {
    const { forwarder, fire, sent } = setup();
    const freehand = freehandWithoutStatistics();
    fire('COMPLETED', freehand);
    forwarder.accept(uid, terms);
    freehand.data!.cachedStats = { t: { area: 8, areaUnit: 'mm²' } };
    forwarder.flush();
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    expect(sent[1]).toMatchObject({ payload: { measurements: [{ name: 'area', value: 8 }] } });
  });

  it('counts an edit as pending while it settles, so the status cannot say saved before it is sent', () => {
    const { forwarder, fire, sent, pendingCounts } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    forwarder.accept(uid, terms);
    fire('MODIFIED', annotation([[0, 0, 0], [4, 0, 0]], 4));
    expect(forwarder.pending()).toBe(1);
    expect(pendingCounts).toEqual([1]);
    jest.advanceTimersByTime(200);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.modified']);
    expect(forwarder.pending()).toBe(0);
    expect(pendingCounts).toEqual([1, 0]);
  });

  it('sends label.removed for a known label and drops a pending edit', () => {
    const { forwarder, fire, sent, changes } = setup();
    fire('COMPLETED', annotation([[0, 0, 0], [1, 0, 0]]));
    forwarder.accept(uid, terms);
    fire('MODIFIED', annotation([[0, 0, 0], [3, 0, 0]]));
    fire('REMOVED', annotation([[0, 0, 0], [3, 0, 0]]));
    jest.advanceTimersByTime(200);
    expect(sent.map(e => e.type)).toEqual(['label.created', 'label.removed']);
    expect(sent[1]!.payload).toEqual({ labelId: uid, projectId: 'lung', StudyInstanceUID: '1.2.1' });
    expect(changes.at(-1)).toMatchObject({ kind: 'removed', labelId: uid, StudyInstanceUID: '1.2.1' });
  });

  it('tells the user when an annotation cannot be a label, and offers no picker for it', () => {
    const { fire, sent, drafts, problems } = setup();
    fire('COMPLETED', { ...annotation([[0, 0, 0]]), metadata: { toolName: 'Length' } });
    expect(sent).toHaveLength(0);
    expect(drafts).toHaveLength(0);
    expect(problems[0]).toContain('This Length is not saved as a label: the annotation is not on an acquired image');
  });

  it('stops listening when stopped', () => {
    const { forwarder, fire, sent, drafts } = setup();
    forwarder.stop();
    fire('COMPLETED', annotation([[0, 0, 0]]));
    expect(sent).toHaveLength(0);
    expect(drafts).toHaveLength(0);
  });
});
