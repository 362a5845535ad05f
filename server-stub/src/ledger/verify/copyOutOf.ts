/**
 * Runs a `COPY ... TO STDOUT` on a node-postgres client and resolves with all its output in one
 * buffer. node-postgres hands a query object each CopyData message (a view into its receive
 * buffer, which it reuses: copied at once); the object is what node-postgres calls a
 * Submittable, as the pg-copy-streams package uses. The buffer is reused from one call to the
 * next on the same client (`into`), so reading a ledger page allocates nothing per row.
 */
import type pg from 'pg';

export interface CopyOutput {
  data: Buffer;
  length: number;
}

export function copyOutOf(client: pg.Client, sql: string, into?: Buffer): Promise<CopyOutput> {
  return new Promise<CopyOutput>((resolve, reject) => {
    let data = into ?? Buffer.allocUnsafe(1 << 20);
    let length = 0;
    let failed: Error | undefined;
    const copy = {
      submit(connection: { query(text: string): void }) {
        connection.query(sql);
      },
      handleCopyData({ chunk }: { chunk: Buffer }) {
        if (length + chunk.length > data.length) {
          const larger = Buffer.allocUnsafe(Math.max(2 * data.length, length + chunk.length));
          data.copy(larger, 0, 0, length);
          data = larger;
        }
        length += chunk.copy(data, length);
      },
      handleError(error: Error) {
        // The connection may be gone (no ReadyForQuery follows): settle now.
        failed ??= error;
        reject(error);
      },
      handleReadyForQuery() {
        if (!failed) resolve({ data, length });
      },
      handleCommandComplete() {},
      handleEmptyQuery() {},
      handleRowDescription() {},
      handleDataRow() {},
    };
    client.query(copy as unknown as pg.Submittable);
  });
}
