import pg from 'pg';
import { copyOutOf } from '../../src/ledger/verify/copyOutOf.js';
import { decodeCopyRecords, indexBinaryCopyRows } from '../../src/ledger/verify/binaryCopyRows.js';
import { testPostgresUrl } from '../testDatabase.js';

// How `audit verify` reads pages on PostgreSQL: run in the server-postgres project only (jest.config.cjs).
describe('copyOutOf: a COPY ... TO STDOUT on a node-postgres client', () => {
  let client: pg.Client;
  beforeEach(async () => {
    client = new pg.Client({ connectionString: testPostgresUrl });
    await client.connect();
  });
  afterEach(() => client.end().catch(() => undefined));

  // Rows of several sizes and non-ASCII text: the buffer grows past its start, and the records
  // parsed from it are what node-postgres returns for the SELECT itself.
  it('collects the output of many CopyData messages into one buffer, and it parses into what node-postgres reads', async () => {
    const select = "SELECT g::bigint, repeat('é\\\"', g % 300) || g, md5(g::text), md5((g + 1)::text) FROM generate_series(1, 3000) g ORDER BY g";
    const { data, length } = await copyOutOf(client, `COPY (${select}) TO STDOUT (FORMAT binary)`, Buffer.alloc(16));
    const rows = (await client.query<[string, string, string, string]>({ text: select, rowMode: 'array' })).rows;
    expect(decodeCopyRecords(indexBinaryCopyRows(data, length))).toEqual(rows.map(([seq, canonicalContent, leafHash, chainHash]) => ({ seq: Number(seq), canonicalContent, leafHash, chainHash })));
  });

  it('rejects with the server error, and the client runs the next query', async () => {
    await expect(copyOutOf(client, 'COPY (SELECT * FROM no_such_table) TO STDOUT (FORMAT binary)')).rejects.toThrow(/no_such_table/);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('rejects when the connection ends in the middle', async () => {
    client.on('error', () => undefined);
    const copying = expect(copyOutOf(client, 'COPY (SELECT pg_sleep(5)) TO STDOUT')).rejects.toThrow(/terminating connection/);
    const admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [(client as unknown as { processID: number }).processID]);
    } finally {
      await admin.end();
    }
    await copying;
  });
});
