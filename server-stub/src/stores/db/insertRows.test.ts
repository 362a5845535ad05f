import { openTestDatabase, testDialect } from '../../../test/testDatabase.js';
import type { Database, SqlValue } from './Database.js';
import { insertRows } from './insertRows.js';

// The multi-row inserts of the stores and the ledger (PostgreSQL: one JSON parameter), on the backend of this run.
describe(`insertRows (${testDialect})`, () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    await db.exec(`CREATE TABLE rows_under_test (id INTEGER PRIMARY KEY, name TEXT, size BIGINT, data ${testDialect === 'postgres' ? 'BYTEA' : 'BLOB'}, flag INTEGER)`);
  });
  afterAll(() => close());
  beforeEach(() => db.run('DELETE FROM rows_under_test'));

  const COLUMNS = ['id', 'name', 'size', 'data', 'flag'];
  const makeRows = (count: number, from = 1): SqlValue[][] =>
    Array.from({ length: count }, (_, i) => [from + i, i % 7 === 0 ? null : `name "${i}" \\ ü`, 2n ** 40n + BigInt(i), new Uint8Array([0, i % 256, 255]), i % 2 === 0]);
  const readBack = () => db.query<{ id: number; name: string | null; size: number; data: Buffer; flag: number }>('SELECT * FROM rows_under_test ORDER BY id');
  const expected = (rows: SqlValue[][]) =>
    rows.map(([id, name, size, data, flag]) => ({ id, name, size: Number(size), data: Buffer.from(data as Uint8Array), flag: flag ? 1 : 0 }));

  it.each([1, 50, 131])('inserts %i rows with every value as bound one by one', async count => {
    const rows = makeRows(count);
    await db.transaction(tx => insertRows(tx, 'rows_under_test', COLUMNS, rows));
    expect(await readBack()).toEqual(expected(rows));
  });

  it('returns what RETURNING names and skips conflicts', async () => {
    await insertRows(db, 'rows_under_test', COLUMNS, makeRows(3));
    const returned = await insertRows<{ id: number }>(db, 'rows_under_test', COLUMNS, makeRows(5), 'ON CONFLICT (id) DO NOTHING RETURNING id');
    expect(returned.map(r => r.id).sort()).toEqual([4, 5]);
    expect(await readBack()).toHaveLength(5);
  });

  it('inserts the ledger rows alike (128 rows per statement)', async () => {
    const rows = makeRows(300);
    await db.transaction(tx => insertRows(tx, 'rows_under_test', COLUMNS, rows, '', { maxRowsPerStatement: 128 }));
    expect(await readBack()).toEqual(expected(rows));
  });

  it('inserts nothing for no rows', async () => {
    expect(await insertRows(db, 'rows_under_test', COLUMNS, [], 'RETURNING id')).toEqual([]);
    await insertRows(db, 'rows_under_test', COLUMNS, [], '', { maxRowsPerStatement: 128 });
    expect(await readBack()).toEqual([]);
  });
});
