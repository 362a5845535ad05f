import { groupDeletionRuns } from './deleteRecordRuns';

describe('groupDeletionRuns', () => {
  it.each([
    [[1, 2, 3], [1, 2, 3], [[1, 2, 3]]],
    [[1, 2, 3, 4, 5], [1, 2, 4, 5], [[1, 2], [4, 5]]],
    [[1, 2, 3], [], []],
    [[1, 2, 3], [2], [[2]]],
  ])('%j deleting %j gives runs %j', (records, doomed, runs) => {
    expect(groupDeletionRuns(records, r => doomed.includes(r))).toEqual(runs);
  });
});
