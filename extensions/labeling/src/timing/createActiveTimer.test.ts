import { createActiveTimer, type ActiveStretch } from './createActiveTimer';

const nodule = { kind: 'label', labelId: 'label-1', findingTypeId: 'nodule' } as const;

function setup(idleMs = 10_000) {
  const stretches: ActiveStretch[] = [];
  const timer = createActiveTimer({ now: () => Date.now(), idleMs, maxStretchMs: 60_000, emit: s => stretches.push(s) });
  const total = (filter: (s: ActiveStretch) => boolean = () => true) =>
    stretches.filter(filter).reduce((sum, s) => sum + s.endedAt - s.startedAt, 0);
  const toLabel = (id: string) => (s: ActiveStretch) => s.target.kind === 'label' && s.target.labelId === id;
  return { timer, stretches, total, toLabel };
}

beforeEach(() => {
  jest.useFakeTimers();
  jest.setSystemTime(new Date('2026-11-28T09:00:00Z'));
});
afterEach(() => jest.useRealTimers());

describe('createActiveTimer', () => {
  it('gives time to the case until a label is being worked on', () => {
    const { timer, total } = setup();
    jest.advanceTimersByTime(3000);
    timer.input();
    timer.setTarget(nodule);
    jest.advanceTimersByTime(2000);
    timer.stop();
    expect(total(s => s.target.kind === 'case')).toBe(3000);
    expect(total(s => s.target.kind === 'label')).toBe(2000);
  });

  it('gives drawing time (tool activation to completion, and the picker) to the label once it is named', () => {
    const { timer, stretches, total, toLabel } = setup();
    timer.setTarget({ kind: 'drawing' });
    jest.advanceTimersByTime(4000);
    expect(stretches).toEqual([]);
    timer.resolveDrawing('label-1', 'nodule');
    jest.advanceTimersByTime(1000);
    timer.setTarget({ kind: 'case' });
    timer.stop();
    expect(total(toLabel('label-1'))).toBe(4000);
    // The tool stayed active: the next second was drawing the next label, never named, so the case's.
    expect(total(s => s.target.kind === 'case')).toBe(1000);
  });

  it('gives the time of a cancelled drawing to the case', () => {
    const { timer, total } = setup();
    timer.setTarget({ kind: 'drawing' });
    jest.advanceTimersByTime(2500);
    timer.abandonDrawing();
    timer.setTarget({ kind: 'case' });
    timer.stop();
    expect(total(s => s.target.kind === 'case')).toBe(2500);
    expect(total(s => s.target.kind === 'label')).toBe(0);
  });

  it('counts nothing while the window is blurred and resumes on focus', () => {
    const { timer, stretches, total } = setup();
    timer.setTarget(nodule);
    jest.advanceTimersByTime(1000);
    timer.setFocused(false);
    const blurredAt = Date.now();
    jest.advanceTimersByTime(30_000);
    timer.input(); // stray events while blurred do not restart the clock
    jest.advanceTimersByTime(5000);
    const focusedAt = Date.now();
    timer.setFocused(true);
    jest.advanceTimersByTime(1000);
    timer.stop();
    expect(total()).toBe(2000);
    expect(stretches.every(s => s.endedAt <= blurredAt || s.startedAt >= focusedAt)).toBe(true);
  });

  it('pauses after the idle period without counting the quiet time, and resumes on input', () => {
    const { timer, total } = setup(10_000);
    jest.advanceTimersByTime(4000);
    timer.input(); // last input at 4 s
    jest.advanceTimersByTime(25_000); // idle from 14 s on; nothing after 4 s counts
    timer.input();
    jest.advanceTimersByTime(2000);
    timer.stop();
    expect(total()).toBe(4000 + 2000);
  });

  it('keeps reading time when inputs come more often than the idle period', () => {
    const { timer, total } = setup(10_000);
    for (let i = 0; i < 6; i++) {
      jest.advanceTimersByTime(9000);
      timer.input();
    }
    timer.stop();
    expect(total()).toBe(54_000);
  });

  it('never counts two labels at once: switching gives each its own stretch', () => {
    const { timer, stretches, total, toLabel } = setup();
    timer.setTarget(nodule);
    jest.advanceTimersByTime(1000);
    timer.setTarget({ kind: 'label', labelId: 'label-2', findingTypeId: 'mass' });
    jest.advanceTimersByTime(3000);
    timer.stop();
    expect(total(toLabel('label-1'))).toBe(1000);
    expect(total(toLabel('label-2'))).toBe(3000);
    const sorted = [...stretches].sort((a, b) => a.startedAt - b.startedAt);
    sorted.slice(1).forEach((s, i) => expect(s.startedAt).toBeGreaterThanOrEqual(sorted[i]!.endedAt));
  });

  it('cuts long stretches so that little is lost if the browser dies', () => {
    const { timer, stretches, total } = setup(10 * 60_000);
    timer.input();
    jest.advanceTimersByTime(150_000);
    expect(stretches.map(s => s.endedAt - s.startedAt)).toEqual([60_000, 60_000]);
    timer.stop();
    expect(total()).toBe(150_000);
  });

  it('emits nothing more once stopped', () => {
    const { timer, stretches } = setup();
    jest.advanceTimersByTime(1000);
    timer.stop();
    const count = stretches.length;
    timer.input();
    timer.setTarget(nodule);
    jest.advanceTimersByTime(120_000);
    timer.stop();
    expect(stretches).toHaveLength(count);
  });
});
