/** Who active time goes to: the case as a whole, a label, or the label being drawn (not named yet). */
export type TimingTarget =
  | { kind: 'case' }
  | { kind: 'label'; labelId: string; findingTypeId: string }
  | { kind: 'drawing' };

/** One uninterrupted stretch of activity on one target (milliseconds since the epoch). */
export interface ActiveStretch {
  target: { kind: 'case' } | { kind: 'label'; labelId: string; findingTypeId: string };
  startedAt: number;
  endedAt: number;
}

export interface ActiveTimerOptions {
  now: () => number;
  /** No input for this long pauses the timer; the quiet time itself is not counted. */
  idleMs: number;
  /** Stretches longer than this are cut, so a crash loses at most this much. */
  maxStretchMs?: number;
  emit: (stretch: ActiveStretch) => void;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

export interface ActiveTimer {
  /** The user did something (key, pointer, wheel): active again if paused by idleness. */
  input(): void;
  /** The window gained or lost focus. */
  setFocused(focused: boolean): void;
  /** Time from now on goes to this target. */
  setTarget(target: TimingTarget): void;
  getTarget(): TimingTarget;
  /** The label being drawn got its name: its drawing time becomes the label's. */
  resolveDrawing(labelId: string, findingTypeId: string): void;
  /** The drawing was cancelled: its time goes to the case. */
  abandonDrawing(): void;
  /** Closes the running stretch (and gives unresolved drawing time to the case): leaving the case. */
  stop(): void;
}

/**
 * Active time per label and per case, for honest pay. Time runs only while the window has focus
 * and the user is not idle; it goes to exactly one target at a time, so parallel labels are
 * never counted twice. Each uninterrupted stretch is emitted once it ends; drawing time is held
 * until the drawing is named (label) or cancelled (case).
 */
export function createActiveTimer(options: ActiveTimerOptions): ActiveTimer {
  const { now, idleMs } = options;
  const maxStretchMs = options.maxStretchMs ?? 60_000;
  const timers = options.timers ?? { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) };
  let target: TimingTarget = { kind: 'case' };
  let focused = true;
  let idle = false;
  let stopped = false;
  let startedAt: number | undefined;
  let lastInputAt = now();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let splitTimer: ReturnType<typeof setTimeout> | undefined;
  const drawing: Array<{ startedAt: number; endedAt: number }> = [];

  const isActive = () => focused && !idle && !stopped;

  const close = (endedAt: number) => {
    if (startedAt === undefined) return;
    const stretch = { startedAt, endedAt };
    startedAt = undefined;
    if (splitTimer !== undefined) timers.clearTimeout(splitTimer);
    splitTimer = undefined;
    if (endedAt <= stretch.startedAt) return;
    if (target.kind === 'drawing') drawing.push(stretch);
    else options.emit({ target: target.kind === 'case' ? { kind: 'case' } : { ...target }, ...stretch });
  };

  const open = () => {
    if (!isActive() || startedAt !== undefined) return;
    startedAt = now();
    splitTimer = timers.setTimeout(() => {
      close(now());
      open();
    }, maxStretchMs);
  };

  const armIdle = () => {
    if (idleTimer !== undefined) timers.clearTimeout(idleTimer);
    idleTimer = timers.setTimeout(() => {
      idleTimer = undefined;
      idle = true;
      // The quiet time since the last input is not active time.
      close(Math.max(lastInputAt, startedAt ?? lastInputAt));
    }, idleMs);
  };

  const flushDrawing = (to: ActiveStretch['target']) => {
    for (const stretch of drawing.splice(0)) options.emit({ target: to, ...stretch });
  };

  armIdle();
  open();

  return {
    input() {
      if (stopped) return;
      lastInputAt = now();
      idle = false;
      armIdle();
      open();
    },
    setFocused(next) {
      if (stopped || next === focused) return;
      if (!next) close(now());
      focused = next;
      if (next) {
        lastInputAt = now();
        idle = false;
        armIdle();
        open();
      }
    },
    setTarget(next) {
      if (stopped || sameTarget(target, next)) return;
      const wasActive = startedAt !== undefined;
      close(now());
      target = next;
      if (wasActive) open();
    },
    getTarget: () => target,
    resolveDrawing(labelId, findingTypeId) {
      if (target.kind === 'drawing') {
        close(now());
        open();
      }
      flushDrawing({ kind: 'label', labelId, findingTypeId });
    },
    abandonDrawing() {
      if (target.kind === 'drawing') {
        close(now());
        open();
      }
      flushDrawing({ kind: 'case' });
    },
    stop() {
      if (stopped) return;
      close(now());
      flushDrawing({ kind: 'case' });
      stopped = true;
      if (idleTimer !== undefined) timers.clearTimeout(idleTimer);
    },
  };
}

function sameTarget(a: TimingTarget, b: TimingTarget): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'label' || (b.kind === 'label' && a.labelId === b.labelId && a.findingTypeId === b.findingTypeId);
}
