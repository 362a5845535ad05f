import type { ClientEvent } from '../contract/events';
import { createExitCopies } from './createExitCopies';
import type { OutboxRecord } from './openOutboxStore';

const record = (seq: number, bytes: number): OutboxRecord => ({ seq, scope: 'u', eventId: `e${seq}`, event: {} as ClientEvent, bytes });

describe('createExitCopies', () => {
  it('keeps copies up to the cap and hands them out oldest first within a byte budget', () => {
    const copies = createExitCopies(100);
    copies.add([record(2, 30), record(1, 30), record(3, 30), record(4, 30)]);
    expect(copies.size()).toBe(3); // the fourth would pass the cap
    expect(copies.take(62).map(r => r.seq)).toEqual([1, 2]);
  });

  it('forgets events the server answered for, making room again', () => {
    const copies = createExitCopies(60);
    copies.add([record(1, 30), record(2, 30)]);
    copies.forget(['e1', 'unknown']);
    copies.add([record(3, 30)]);
    expect(copies.take(1000).map(r => r.seq)).toEqual([2, 3]);
  });
});
