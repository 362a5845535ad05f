import type { Migration } from '../../stores/migrations/Migration.js';

/** The tables the ledger only ever appends to; UPDATE and DELETE (and TRUNCATE) are refused. */
export const APPEND_ONLY_TABLES = ['audit_ledger', 'audit_ledger_instances', 'audit_tree_nodes', 'audit_checkpoints'] as const;

/** A table added later (migration 201), with the same protection. */
const STUDIES_TABLE = 'audit_ledger_studies';

/** Every table whose rows may never change or go (tests tamper with each). */
export const PROTECTED_TABLES = [...APPEND_ONLY_TABLES, STUDIES_TABLE] as const;

/**
 * The audit ledger (ids 200–299). `audit_ledger` holds each record as the exact canonical JSON
 * its leaf hash covers (TEXT, never jsonb), with the hashes as lower-case hex; the UID columns
 * and `audit_ledger_instances` are an index for the auditor's trail, not part of what is hashed.
 * `audit_tree_nodes` keeps the Merkle subtrees of 256 leaves and more (smaller ones are
 * recomputed from leaf hashes), `audit_checkpoints` the signed checkpoints, and
 * `audit_forwarding` how far each ATNA destination has received (the one mutable table).
 */
const tables = (text: string, bigint: string, blob: string, withoutRowid: string) => `
  CREATE TABLE audit_ledger (
    seq ${bigint} PRIMARY KEY CHECK (seq >= 1),
    study_uid ${text},
    series_uid ${text},
    sop_count INTEGER NOT NULL,
    canonical_content TEXT NOT NULL,
    leaf_hash ${text} NOT NULL,
    chain_hash ${text} NOT NULL
  );
  CREATE INDEX audit_ledger_by_study ON audit_ledger (study_uid, seq) WHERE study_uid IS NOT NULL;
  CREATE INDEX audit_ledger_by_series ON audit_ledger (series_uid, seq) WHERE series_uid IS NOT NULL AND sop_count = 0;

  CREATE TABLE audit_ledger_instances (
    sop_instance_uid ${text} NOT NULL,
    seq ${bigint} NOT NULL,
    PRIMARY KEY (sop_instance_uid, seq)
  )${withoutRowid};

  CREATE TABLE audit_tree_nodes (
    level INTEGER NOT NULL,
    node_index ${bigint} NOT NULL,
    hash ${blob} NOT NULL,
    PRIMARY KEY (level, node_index)
  )${withoutRowid};

  CREATE TABLE audit_checkpoints (
    tree_size ${bigint} PRIMARY KEY,
    root_hash ${text} NOT NULL,
    note TEXT NOT NULL,
    signed_at ${text} NOT NULL
  );

  CREATE TABLE audit_forwarding (
    destination ${text} PRIMARY KEY,
    forwarded_seq ${bigint} NOT NULL,
    updated_at ${text} NOT NULL,
    last_error TEXT
  );
`;

const sqliteTrigger = (table: string) => `
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${table} is append-only: UPDATE refused'); END;
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${table} is append-only: DELETE refused'); END;`;

const postgresTrigger = (table: string) => `
  CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
  CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();`;

const postgresTriggers = `
  CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$;
${APPEND_ONLY_TABLES.map(postgresTrigger).join('\n')}
`;

/** Records that name several studies (a QIDO study search: the studies it returned), by study. */
const studiesTable = (text: string, bigint: string, withoutRowid: string) => `
  CREATE TABLE ${STUDIES_TABLE} (
    study_uid ${text} NOT NULL,
    seq ${bigint} NOT NULL,
    PRIMARY KEY (study_uid, seq)
  )${withoutRowid};
`;

export const ledgerMigrations: Migration[] = [
  {
    id: 200,
    name: 'audit ledger',
    sqlite: tables('TEXT', 'INTEGER', 'BLOB', ' WITHOUT ROWID') + APPEND_ONLY_TABLES.map(sqliteTrigger).join('\n'),
    postgres: tables('TEXT COLLATE "C"', 'BIGINT', 'BYTEA', '') + postgresTriggers,
  },
  {
    id: 201,
    name: 'audit ledger: records naming several studies',
    sqlite: studiesTable('TEXT', 'INTEGER', ' WITHOUT ROWID') + sqliteTrigger(STUDIES_TABLE),
    postgres: studiesTable('TEXT COLLATE "C"', 'BIGINT', '') + postgresTrigger(STUDIES_TABLE),
  },
  {
    // PostgreSQL: the ledger lock and the head in one round trip (LedgerAppender's lockLedgerHead).
    // VOLATILE plpgsql: the SELECT after the lock takes a snapshot of its own, so it sees the
    // appender that held the lock before. SQLite has nothing to create.
    id: 202,
    name: 'audit ledger: lock and read the head in one call',
    sqlite: 'SELECT 1;',
    postgres: `
      CREATE FUNCTION audit_ledger_lock_head(lock_key BIGINT) RETURNS TABLE (seq BIGINT, chain_hash TEXT)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        RETURN QUERY SELECT l.seq, l.chain_hash::TEXT FROM audit_ledger l ORDER BY l.seq DESC LIMIT 1;
      END $$;`,
  },
  {
    // PostgreSQL: lock, head and write in one round trip (LedgerAppender's appendIfHead), for
    // records sealed before the lock on the head the process expects. Written only when the head
    // read under the lock (a statement after it, so a snapshot of its own) is that one; otherwise
    // nothing is written and the head is returned, with the lock held, to seal on. The rows as
    // `json_populate_recordset` takes them (insertJsonRows). SQLite has nothing to create.
    id: 203,
    name: 'audit ledger: lock, check the head and append in one call',
    sqlite: 'SELECT 1;',
    postgres: `
      CREATE FUNCTION audit_ledger_append_if_head(lock_key BIGINT, expected_seq BIGINT, expected_chain_hash TEXT,
        records JSON, instances JSON, studies JSON, nodes JSON)
      RETURNS TABLE (head_seq BIGINT, head_chain_hash TEXT, appended BOOLEAN)
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        found_seq BIGINT;
        found_chain_hash TEXT;
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        SELECT l.seq, l.chain_hash INTO found_seq, found_chain_hash FROM audit_ledger l ORDER BY l.seq DESC LIMIT 1;
        IF found_seq IS DISTINCT FROM expected_seq OR found_chain_hash IS DISTINCT FROM expected_chain_hash THEN
          RETURN QUERY SELECT found_seq, found_chain_hash, FALSE;
          RETURN;
        END IF;
        INSERT INTO audit_ledger (seq, study_uid, series_uid, sop_count, canonical_content, leaf_hash, chain_hash)
          SELECT r.seq, r.study_uid, r.series_uid, r.sop_count, r.canonical_content, r.leaf_hash, r.chain_hash
          FROM json_populate_recordset(NULL::audit_ledger, records) r;
        INSERT INTO audit_ledger_instances (sop_instance_uid, seq)
          SELECT r.sop_instance_uid, r.seq FROM json_populate_recordset(NULL::audit_ledger_instances, instances) r;
        INSERT INTO audit_ledger_studies (study_uid, seq)
          SELECT r.study_uid, r.seq FROM json_populate_recordset(NULL::audit_ledger_studies, studies) r;
        INSERT INTO audit_tree_nodes (level, node_index, hash)
          SELECT r.level, r.node_index, r.hash FROM json_populate_recordset(NULL::audit_tree_nodes, nodes) r;
        RETURN QUERY SELECT found_seq, found_chain_hash, TRUE;
      END $$;`,
  },
];
