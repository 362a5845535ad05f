import { settleBatchResults } from './settleBatchResults';

const ids = ['0192f0c8-0000-7000-8000-000000000001', '0192f0c8-0000-7000-8000-000000000002', '0192f0c8-0000-7000-8000-000000000003'];

describe('settleBatchResults', () => {
  it('counts stored and duplicate as delivered and keeps reasons of rejected events', () => {
    const settlement = settleBatchResults(ids, [
      { eventId: ids[0]!, index: 0, status: 'stored' },
      { eventId: ids[1]!, index: 1, status: 'duplicate' },
      { eventId: null, index: 2, status: 'rejected', reason: '/payload/labelId: must match format "uuid"' },
    ]);
    expect(settlement).toEqual({
      delivered: [ids[0], ids[1]],
      rejected: [{ eventId: ids[2], reason: '/payload/labelId: must match format "uuid"' }],
      unanswered: [],
    });
  });

  it('gives a rejected event without a reason a reason anyway', () => {
    expect(settleBatchResults([ids[0]!], [{ eventId: ids[0]!, index: 0, status: 'rejected' }]).rejected).toEqual([
      { eventId: ids[0], reason: 'refused without a reason' },
    ]);
  });

  // A proxy or a buggy server answering for other events must not make the client drop events.
  it('keeps events the answer does not mention, or names differently', () => {
    const settlement = settleBatchResults(ids, [
      { eventId: ids[0]!, index: 0, status: 'stored' },
      { eventId: ids[2]!, index: 1, status: 'stored' },
    ]);
    expect(settlement).toEqual({ delivered: [ids[0]], rejected: [], unanswered: [ids[1], ids[2]] });
  });
});
