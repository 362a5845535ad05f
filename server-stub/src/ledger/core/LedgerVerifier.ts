/**
 * `readingroom audit verify`'s engine: feed it the stored records in seq order, page by page
 * as a database cursor yields them, then call finish(). It recomputes every leaf hash, the
 * chain and the tree, checks each signed checkpoint against the tree at its size and each
 * checkpoint against the previous one with a consistency proof computed from the records,
 * and reports the first problem in ledger order. Memory: O(log n) plus the checkpoints.
 *
 * For throughput, pages may be checked elsewhere (summarizeRecordPage in worker threads) and
 * joined here in order with pushPageSummary; pages must then end at getNextBoundary().
 */
import { CompactRange, type TreeNodeHash } from './CompactRange.js';
import { describeSeqProblem } from './describeSeqProblem.js';
import { GENESIS_CHAIN_HASH, hashChainLink } from './hashChainLink.js';
import type { StoredLedgerRecord } from './ledgerRecord.js';
import type { LedgerProblem, LedgerVerificationReport } from './ledgerProblem.js';
import { parseVerifierKey, type NoteVerifier } from './noteKeys.js';
import { prepareCheckpoints, type PreparedCheckpoints, type TrustedCheckpoint } from './prepareCheckpoints.js';
import { proveConsistencyFromRanges } from './proveConsistencyFromRanges.js';
import { describeChainBreak, summarizeRecordPage, type PageProblem, type RecordPageSummary } from './summarizeRecordPage.js';
import { areHashesEqual, type Hash } from './treeHashes.js';
import { verifyConsistencyProof } from './verifyProofs.js';

export interface LedgerVerifierOptions {
  /** The origin line of this ledger's checkpoints. */
  origin: string;
  /** Trusted checkpoint keys: verifier key strings (`<name>+<key ID>+<key>`) or parsed keys. */
  verifierKeys: readonly (string | NoteVerifier)[];
  /** The stored signed checkpoints, in any order. */
  checkpoints?: readonly (string | Uint8Array)[];
}

interface CheckpointState extends TrustedCheckpoint {
  /** The compact range of [0, treeSize), kept for the consistency proof to the next checkpoint. */
  nodes: TreeNodeHash[];
}

export class LedgerVerifier {
  private readonly checkpoints: PreparedCheckpoints;
  private nextTrusted = 0;
  private nextIssue = 0;
  private position = 0;
  private readonly tree = new CompactRange();
  private sinceCheckpoint = new CompactRange();
  private lastCheckpoint: CheckpointState | undefined;
  private lastChainHash: Hash = GENESIS_CHAIN_HASH;
  /** A seq gap at the end of a page, waiting for the next page to tell deletion from reordering. */
  private pendingGap: { expectedSeq: number; seq: number } | undefined;
  /** A checkpoint the records disagree with, waiting for the next one to tell a rewrite from a fork. */
  private pendingMismatch: TrustedCheckpoint | undefined;
  private problem: LedgerProblem | undefined;

  constructor(options: LedgerVerifierOptions) {
    const verifiers = options.verifierKeys.map(key => (typeof key === 'string' ? parseVerifierKey(key) : key));
    this.checkpoints = prepareCheckpoints(options.checkpoints ?? [], options.origin, verifiers);
    this.processBoundaries();
  }

  /** The next tree size at which a page must end (a checkpoint to check), if any. */
  getNextBoundary(): number | undefined {
    const size = this.checkpoints.trusted[this.nextTrusted]?.treeSize;
    const issue = this.checkpoints.issues[this.nextIssue]?.position;
    return size === undefined ? issue : issue === undefined ? size : Math.min(size, issue);
  }

  /**
   * Every tree size ahead at which a page must end, ascending (getNextBoundary() first): for
   * planning pages before the earlier ones are joined.
   */
  getBoundaries(): number[] {
    const sizes = [
      ...this.checkpoints.trusted.slice(this.nextTrusted).map(c => c.treeSize),
      ...this.checkpoints.issues.slice(this.nextIssue).map(issue => issue.position),
    ];
    return [...new Set(sizes)].sort((a, b) => a - b);
  }

  /** The records joined so far: the ledger position the next page must start at. */
  get joinedRecords(): number {
    return this.position;
  }

  /**
   * Whether pushPageSummary takes this page as the next one: it starts where the verifier is,
   * or the verifier needs no more than its first seq (a gap to classify), or nothing (a problem).
   * Pages checked ahead of time on the assumption that the seqs before them are all there
   * (verifyStoredLedger's ranges) may not fit; the records must then be read on from here.
   */
  accepts(page: Pick<RecordPageSummary, 'startIndex'>): boolean {
    return this.problem !== undefined || this.pendingGap !== undefined || page.startIndex === this.position;
  }

  /** Checks the next records in seq order; returns the first problem once one is known. */
  push(records: readonly StoredLedgerRecord[]): LedgerProblem | undefined {
    let from = 0;
    while (from < records.length && !this.problem) {
      const boundary = this.getNextBoundary();
      const to = boundary === undefined ? records.length : Math.min(records.length, from + boundary - this.position);
      this.pushPageSummary(summarizeRecordPage(records, this.position, from, to));
      from = to;
    }
    return this.problem;
  }

  /** Joins the next page, checked by summarizeRecordPage (possibly elsewhere). */
  pushPageSummary(page: RecordPageSummary): LedgerProblem | undefined {
    if (this.problem) return this.problem;
    if (this.pendingGap) {
      this.setProblem(describeSeqProblem(this.pendingGap.expectedSeq, this.pendingGap.seq, page.firstSeq));
      return this.problem;
    }
    this.assertPageFits(page);
    if (page.problem?.index === 0) return this.reportPageProblem(page.problem);
    if (page.first && hashChainLink(this.lastChainHash, Buffer.from(page.first.leafHash, 'hex')).toString('hex') !== page.first.chainHash) {
      this.setProblem(describeChainBreak(page.first.seq));
      return this.problem;
    }
    this.tree.appendRange(page.range);
    this.sinceCheckpoint.appendRange(page.range);
    this.position += page.checked;
    if (page.lastChainHash !== undefined) this.lastChainHash = Buffer.from(page.lastChainHash, 'hex');
    if (page.problem) return this.reportPageProblem(page.problem);
    this.processBoundaries();
    return this.problem;
  }

  /** Ends the stream and returns the verdict. */
  finish(): LedgerVerificationReport {
    if (!this.problem && this.pendingGap) this.setProblem(describeSeqProblem(this.pendingGap.expectedSeq, this.pendingGap.seq, undefined));
    if (!this.problem) this.reportUnreachedCheckpoint();
    if (!this.problem && this.pendingMismatch) this.problem = describeRootMismatch(this.pendingMismatch);
    if (this.problem) return { ok: false, problem: this.problem, records: this.position };
    const latest = this.checkpoints.trusted.at(-1)?.treeSize ?? 0;
    return {
      ok: true,
      records: this.position,
      checkpoints: this.checkpoints.count,
      rootHash: Buffer.from(this.tree.getRootHash()).toString('hex'),
      chainHash: Buffer.from(this.lastChainHash).toString('hex'),
      latestCheckpointSize: latest,
      unanchoredRecords: this.position - latest,
    };
  }

  private assertPageFits(page: RecordPageSummary): void {
    if (page.startIndex !== this.position) {
      throw new RangeError(`page starts at position ${page.startIndex}, but the verifier is at ${this.position}`);
    }
    const boundary = this.getNextBoundary();
    if (boundary !== undefined && page.startIndex + page.count > boundary) {
      throw new RangeError(`page [${page.startIndex}, ${page.startIndex + page.count}) crosses the checkpoint at ${boundary}; cut pages at getNextBoundary()`);
    }
  }

  private reportPageProblem({ index: _index, awaitsNextSeq, ...problem }: PageProblem): LedgerProblem | undefined {
    if (awaitsNextSeq && !this.pendingMismatch) this.pendingGap = awaitsNextSeq;
    else this.setProblem(problem);
    return this.problem;
  }

  /** Records the first problem; a checkpoint mismatch still waiting for classification came earlier. */
  private setProblem(problem: LedgerProblem): void {
    this.problem ??= this.pendingMismatch ? describeRootMismatch(this.pendingMismatch) : problem;
  }

  /** Handles every checkpoint and checkpoint issue at the current position. */
  private processBoundaries(): void {
    while (!this.problem) {
      const issue = this.checkpoints.issues[this.nextIssue];
      if (issue?.position === this.position) {
        this.nextIssue++;
        this.setProblem(issue.problem);
        return;
      }
      const checkpoint = this.checkpoints.trusted[this.nextTrusted];
      if (checkpoint?.treeSize !== this.position) return;
      this.nextTrusted++;
      this.checkCheckpoint(checkpoint);
    }
  }

  private checkCheckpoint(checkpoint: TrustedCheckpoint): void {
    const matches = areHashesEqual(this.tree.getRootHash(), checkpoint.rootHash);
    const previous = this.lastCheckpoint;
    if (previous) {
      const proof = proveConsistencyFromRanges(previous.nodes, this.sinceCheckpoint.getNodes(), previous.treeSize, checkpoint.treeSize);
      const consistent = verifyConsistencyProof({
        oldSize: previous.treeSize,
        newSize: checkpoint.treeSize,
        oldRoot: previous.rootHash,
        newRoot: checkpoint.rootHash,
        proof,
      });
      if (this.pendingMismatch || (matches && !consistent)) {
        this.problem = matches && !consistent ? describeInconsistency(previous, checkpoint) : describeRootMismatch(this.pendingMismatch!);
        return;
      }
    }
    if (!matches) this.pendingMismatch = checkpoint;
    this.lastCheckpoint = { ...checkpoint, nodes: this.tree.getNodes() };
    this.sinceCheckpoint = new CompactRange(checkpoint.treeSize);
  }

  /** At the end: a checkpoint (or checkpoint issue) beyond the last record. */
  private reportUnreachedCheckpoint(): void {
    const issue = this.checkpoints.issues[this.nextIssue];
    const checkpoint = this.checkpoints.trusted[this.nextTrusted];
    if (issue && (!checkpoint || issue.position <= checkpoint.treeSize)) return this.setProblem(issue.problem);
    if (!checkpoint) return;
    const latest = this.checkpoints.trusted.at(-1)!.treeSize;
    this.setProblem({
      kind: 'truncated',
      seq: this.position + 1,
      checkpointSize: checkpoint.treeSize,
      message:
        `the ledger ends at seq ${this.position}, but a signed checkpoint covers ${checkpoint.treeSize} records: ` +
        `records from seq ${this.position + 1} are missing (the latest checkpoint covers ${latest}).`,
    });
  }
}

function describeRootMismatch({ treeSize }: TrustedCheckpoint): LedgerProblem {
  return {
    kind: 'root-mismatch',
    checkpointSize: treeSize,
    message:
      `the first ${treeSize} records do not produce the root hash signed for tree size ${treeSize}: records up to ` +
      `seq ${treeSize} were rewritten together with their hashes, or the ledger was truncated and regrown.`,
  };
}

function describeInconsistency(earlier: TrustedCheckpoint, later: TrustedCheckpoint): LedgerProblem {
  return {
    kind: 'inconsistent-checkpoints',
    checkpointSize: earlier.treeSize,
    message:
      `the signed checkpoints for tree sizes ${earlier.treeSize} and ${later.treeSize} are inconsistent: the records match ` +
      `the later one, but its consistency proof does not verify against the earlier one, so the first ` +
      `${earlier.treeSize} records were rewritten between the two signatures.`,
  };
}
