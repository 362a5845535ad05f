import type { StoredLedgerRecord } from './ledgerRecord.js';
import type { LedgerVerificationReport } from './ledgerProblem.js';
import { LedgerVerifier, type LedgerVerifierOptions } from './LedgerVerifier.js';

/** Verifies a whole ledger held in memory (tests, small exports); streams use LedgerVerifier. */
export function verifyLedger(records: readonly StoredLedgerRecord[], options: LedgerVerifierOptions): LedgerVerificationReport {
  const verifier = new LedgerVerifier(options);
  verifier.push(records);
  return verifier.finish();
}
