/** The `readingroom audit` lines of the CLI's usage (its own module: the CLI prints them without loading the verifier). */
export const AUDIT_USAGE = `  readingroom audit verify [--key K]... [--origin O] [--checkpoints DIR] [--json]
                                         verify the audit ledger in DATABASE_URL; exit 1 at the first problem
                                         (--key again for each key the ledger was signed with, across a rotation)`;
