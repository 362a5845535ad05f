/** What an attacker with write access to the database does to the ledger tables (tests only). */
import { CompactRange, GENESIS_CHAIN_HASH, type TreeNodeHash, hashChainLink, hashLeaf, parseCanonicalRecord, canonicalizeRecordContent, type LedgerRecordContent } from '../../src/ledger/core/index.js';
import { PROTECTED_TABLES } from '../../src/ledger/store/ledgerMigrations.js';
import type { Database, Transaction } from '../../src/stores/db/Database.js';
import { isStoredNode } from '../../src/ledger/store/treeNodeStore.js';
import { readAllRecords } from './ledgerTestSupport.js';

/** Removes the append-only protection, as the owner of the tables can. */
export async function dropAppendOnlyTriggers(db: Database): Promise<void> {
  for (const table of PROTECTED_TABLES) {
    if (db.dialect === 'postgres') await db.exec(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    else await db.exec(`DROP TRIGGER ${table}_no_update; DROP TRIGGER ${table}_no_delete;`);
  }
}

/**
 * Replaces the records from `fromSeq` on by `contents` (renumbered from fromSeq), with leaf and
 * chain hashes recomputed so the chain is whole again: the careful attacker's rewrite.
 */
export async function rewriteFrom(db: Database, fromSeq: number, contents: Omit<LedgerRecordContent, 'seq'>[]): Promise<void> {
  const before = (await readAllRecords(db)).filter(r => r.seq < fromSeq);
  let chain: Buffer = before.length > 0 ? Buffer.from(before[before.length - 1]!.chainHash, 'hex') : Buffer.from(GENESIS_CHAIN_HASH);
  await db.transaction(async tx => {
    await tx.run('DELETE FROM audit_ledger WHERE seq >= ?', [fromSeq]);
    for (const [i, content] of contents.entries()) {
      const canonical = canonicalizeRecordContent({ ...content, seq: fromSeq + i });
      const leaf = hashLeaf(canonical);
      chain = hashChainLink(chain, leaf);
      await tx.run('INSERT INTO audit_ledger (seq, study_uid, series_uid, sop_count, canonical_content, leaf_hash, chain_hash) VALUES (?, NULL, NULL, 0, ?, ?, ?)', [
        fromSeq + i,
        canonical,
        leaf.toString('hex'),
        chain.toString('hex'),
      ]);
    }
    await rebuildTreeNodes(tx);
  });
}

/** Recomputes every stored subtree from the (rewritten) leaves, so proofs and new checkpoints follow the forgery. */
async function rebuildTreeNodes(tx: Transaction): Promise<void> {
  await tx.run('DELETE FROM audit_tree_nodes');
  const nodes: TreeNodeHash[] = [];
  const range = new CompactRange(0, { onNode: node => isStoredNode(node) && nodes.push(node) });
  for (const row of await tx.query<{ leaf_hash: string }>('SELECT leaf_hash FROM audit_ledger ORDER BY seq')) range.appendLeaf(Buffer.from(row.leaf_hash, 'hex'));
  for (const node of nodes) await tx.run('INSERT INTO audit_tree_nodes (level, node_index, hash) VALUES (?, ?, ?)', [node.level, node.index, Buffer.from(node.hash)]);
}

/** The contents of the stored records from `fromSeq` on, without their seq. */
export async function readContentsFrom(db: Database, fromSeq: number): Promise<Omit<LedgerRecordContent, 'seq'>[]> {
  return (await readAllRecords(db))
    .filter(r => r.seq >= fromSeq)
    .map(r => {
      const { seq: _seq, leafHash: _leaf, chainHash: _chain, ...content } = parseCanonicalRecord(r);
      return content;
    });
}

const PARKED = 1_000_000_000;

/** Sets the seq column of rows (old → new) without tripping the primary key on the way. */
export async function moveRows(db: Database, moves: ReadonlyArray<[number, number]>): Promise<void> {
  await db.transaction(async tx => {
    for (const [from] of moves) await tx.run('UPDATE audit_ledger SET seq = ? WHERE seq = ?', [PARKED + from, from]);
    for (const [from, to] of moves) await tx.run('UPDATE audit_ledger SET seq = ? WHERE seq = ?', [to, PARKED + from]);
  });
}
