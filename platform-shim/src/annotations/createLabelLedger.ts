import type { ClientEvent } from '../contract/events.js';
import type { LabelSnapshot } from '../contract/labels.js';
import { createUuidV7 } from '../ids/createUuidV7.js';
import type { EventSender } from '../transport/EventSender.js';
import { fingerprintLabel, hasLabelChanged, type LabelFingerprint } from './labelFingerprint.js';

export type LabelChange =
  | { kind: 'upsert'; snapshot: LabelSnapshot; change: 'created' | 'modified' }
  | { kind: 'removed'; labelId: string; StudyInstanceUID: string; snapshot: LabelSnapshot };

export interface LabelLedgerOptions {
  sender: Pick<EventSender, 'send'>;
  /** Called after a change was handed to the sender, so the UI shows it at once. */
  onChange?: (change: LabelChange) => void;
  /**
   * The browser could not keep an event (`send` rejected, e.g. storage full): the change is not
   * saved. A refused label.created is forgotten, so the UI must take the label away again.
   */
  onRefused?: (event: ClientEvent, error: Error) => void;
  now?: () => Date;
}

/**
 * The labels this viewer knows to be on the server, and the one place label events are made:
 * label.created, label.modified (only for a change a reader would see) and label.removed.
 */
export interface LabelLedger {
  has(labelId: string): boolean;
  get(labelId: string): LabelSnapshot | undefined;
  /** A new label (or one brought back by undo): sends label.created. */
  create(snapshot: LabelSnapshot): void;
  /**
   * Sends label.modified when the snapshot differs from the known one; returns whether it did.
   * A label as the server sent it (markKnown) that nothing was sent for since is only displayed:
   * statistics Cornerstone computes while drawing it are not a change, so a difference in
   * measurements alone is not sent. Any other difference (geometry, text, terms, status) is a
   * user's edit: it is sent, with the measurements, and from then on so are theirs.
   */
  update(snapshot: LabelSnapshot): boolean;
  /** Sends label.removed for a known label; returns the removed snapshot. */
  remove(labelId: string): LabelSnapshot | undefined;
  /** A label that came from the server: known, nothing sent, its measurements kept until it is edited. */
  markKnown(snapshot: LabelSnapshot): void;
  /** Forgets every label without sending anything (the session ends). */
  clear(): void;
}

export function createLabelLedger(options: LabelLedgerOptions): LabelLedger {
  const now = options.now ?? (() => new Date());
  /** `displayed`: as the server has it, no change sent since (measurement-only differences are not edits). */
  const known = new Map<string, { snapshot: LabelSnapshot; fingerprint: LabelFingerprint; displayed: boolean }>();

  const remember = (snapshot: LabelSnapshot, displayed = false) =>
    known.set(snapshot.labelId, { snapshot, fingerprint: fingerprintLabel(snapshot), displayed });
  const send = (event: ClientEvent) =>
    options.sender.send(event).catch((error: Error) => {
      if (event.type === 'label.created' && known.get(event.payload.labelId)?.snapshot === event.payload) known.delete(event.payload.labelId);
      options.onRefused?.(event, error);
    });
  const emit = (type: 'label.created' | 'label.modified', snapshot: LabelSnapshot) => {
    remember(snapshot);
    void send({ eventId: createUuidV7(), type, occurredAt: now().toISOString(), payload: snapshot });
    options.onChange?.({ kind: 'upsert', snapshot, change: type === 'label.created' ? 'created' : 'modified' });
  };

  return {
    has: labelId => known.has(labelId),
    get: labelId => known.get(labelId)?.snapshot,
    create: snapshot => emit('label.created', snapshot),
    update(snapshot) {
      const previous = known.get(snapshot.labelId);
      if (!previous) return false;
      const next = fingerprintLabel(snapshot);
      if (previous.displayed && next.shape === previous.fingerprint.shape) return false;
      if (!hasLabelChanged(previous.fingerprint, next)) return false;
      // Statistics not computed yet (a redrawn label) keep the known ones rather than wiping them.
      const measured = snapshot.measurements ?? previous.snapshot.measurements;
      emit('label.modified', measured ? { ...snapshot, measurements: measured } : snapshot);
      return true;
    },
    remove(labelId) {
      const previous = known.get(labelId);
      if (!previous) return undefined;
      known.delete(labelId);
      const { projectId, StudyInstanceUID } = previous.snapshot;
      void send({
        eventId: createUuidV7(),
        type: 'label.removed',
        occurredAt: now().toISOString(),
        payload: { labelId, projectId, StudyInstanceUID },
      });
      options.onChange?.({ kind: 'removed', labelId, StudyInstanceUID, snapshot: previous.snapshot });
      return previous.snapshot;
    },
    markKnown(snapshot) {
      remember(snapshot, true);
    },
    clear: () => known.clear(),
  };
}
