/**
 * Turning record content into a stored record: what the store calls inside its append
 * transaction, with the previous record's chainHash (GENESIS_CHAIN_HASH for seq 1).
 */
import { canonicalizeRecordContent } from './hashRecordContent.js';
import { hashChainLink } from './hashChainLink.js';
import type { LedgerRecord, LedgerRecordContent } from './ledgerRecord.js';
import { hashLeaf, HASH_SIZE, type Hash } from './treeHashes.js';
import { validateRecordContent } from './validateRecordContent.js';

/** The content breaks the ledger's rules; `problems` lists every one. */
export class InvalidRecordError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid audit record: ${problems.join('; ')}`);
    this.name = 'InvalidRecordError';
    this.problems = problems;
  }
}

/**
 * Validates the content and derives its leafHash and chainHash. Throws InvalidRecordError
 * when the content breaks a rule or is not JSON data. The result is a fresh object holding
 * only the ledger's fields, exactly as hashed (keys in canonical order).
 */
export function sealRecord(content: LedgerRecordContent, previousChainHash: Hash | string): LedgerRecord {
  const problems = validateRecordContent(content);
  let canonical = '';
  try {
    canonical = canonicalizeRecordContent(content);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const previous = typeof previousChainHash === 'string' ? Buffer.from(previousChainHash, 'hex') : previousChainHash;
  if (previous.length !== HASH_SIZE) problems.push('previousChainHash must be 32 bytes (64 hex digits)');
  if (problems.length > 0) throw new InvalidRecordError(problems);
  const leafHash = hashLeaf(canonical);
  // Parsed back from the hashed text: a deep copy holding exactly what the hash covers (no
  // undefined members, nothing shared with the caller's objects).
  const hashed = JSON.parse(canonical) as LedgerRecordContent;
  return { ...hashed, leafHash: leafHash.toString('hex'), chainHash: hashChainLink(previous, leafHash).toString('hex') };
}
