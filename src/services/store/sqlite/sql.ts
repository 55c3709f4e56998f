/**
 * Every SQL statement of the embedded store, as plain text with `?` parameters. Nothing here
 * depends on a driver: the better-sqlite3 adapter (Node) runs these strings, and a libsql /
 * Node-API adapter (Deno) can run the very same ones.
 */

export const schema: ReadonlyArray<string> = [
  `CREATE TABLE IF NOT EXISTS events (
     position    INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id    TEXT    NOT NULL UNIQUE,
     type        TEXT    NOT NULL,
     version     INTEGER NOT NULL,
     ticket_id   TEXT    NOT NULL,
     ticket_seq  INTEGER NOT NULL,
     run_id      TEXT    NOT NULL,
     occurred_at TEXT    NOT NULL,
     payload     TEXT    NOT NULL
   )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS events_by_ticket ON events (ticket_id, ticket_seq)`,
  // A row that does not decode stays in the (append-only) log; the quarantine records why it
  // was passed over so that operators see it and a later build can read it again.
  `CREATE TABLE IF NOT EXISTS event_quarantine (
     position       INTEGER PRIMARY KEY,
     reason         TEXT NOT NULL,
     error          TEXT NOT NULL,
     quarantined_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS ticket_queue (
     position         INTEGER PRIMARY KEY AUTOINCREMENT,
     ticket_id        TEXT    NOT NULL,
     state            TEXT    NOT NULL CHECK (state IN ('ready', 'leased', 'done')),
     attempts         INTEGER NOT NULL DEFAULT 0,
     enqueued_at      INTEGER NOT NULL,
     available_at     INTEGER NOT NULL,
     lease_token      TEXT,
     lease_owner      TEXT,
     lease_host       TEXT,
     lease_pid        INTEGER,
     lease_expires_at INTEGER,
     acked_at         INTEGER
   )`,
  // At most one open entry per ticket: this is both the de-duplication and the one-lease rule.
  `CREATE UNIQUE INDEX IF NOT EXISTS ticket_queue_open ON ticket_queue (ticket_id) WHERE state <> 'done'`,
  `CREATE INDEX IF NOT EXISTS ticket_queue_by_state ON ticket_queue (state, position)`,
  `CREATE TABLE IF NOT EXISTS checkpoints (
     name       TEXT PRIMARY KEY,
     position   INTEGER NOT NULL,
     state      TEXT    NOT NULL,
     updated_at TEXT    NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS runner_control (
     id      INTEGER PRIMARY KEY CHECK (id = 1),
     paused  INTEGER NOT NULL,
     reason  TEXT,
     since   TEXT,
     by_whom TEXT
   )`
]

export const pragmas: ReadonlyArray<string> = ["PRAGMA busy_timeout = 5000", "PRAGMA foreign_keys = ON"]

// ---- events -------------------------------------------------------------------------------

export const eventColumns = "position, event_id, type, version, ticket_id, ticket_seq, run_id, occurred_at, payload"

/** Row shape of `eventColumns` read as values: the position is an INTEGER PRIMARY KEY (always a
 * number); every other column is checked by the event decoder. */
export type EventRow = readonly [
  position: number,
  eventId: unknown,
  type: unknown,
  version: unknown,
  ticketId: unknown,
  ticketSeq: unknown,
  runId: unknown,
  occurredAt: unknown,
  payload: unknown
]

export const insertEvent = `INSERT INTO events (event_id, type, version, ticket_id, ticket_seq, run_id, occurred_at, payload)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING position`

export const selectEventsAfter = `SELECT ${eventColumns} FROM events WHERE position > ? ORDER BY position LIMIT ?`
export const selectTicketEvents = `SELECT ${eventColumns} FROM events WHERE ticket_id = ? ORDER BY ticket_seq`
export const selectHead = `SELECT COALESCE(MAX(position), 0) AS head FROM events`

export const insertQuarantine = `INSERT OR IGNORE INTO event_quarantine (position, reason, error, quarantined_at) VALUES (?, ?, ?, ?)`
export const selectQuarantine = `SELECT position, reason, error, quarantined_at FROM event_quarantine ORDER BY position`

// ---- ticket queue -------------------------------------------------------------------------

export const enqueueTicket = `INSERT OR IGNORE INTO ticket_queue (ticket_id, state, enqueued_at, available_at)
  VALUES (?, 'ready', ?, ?) RETURNING position`

/** Leases held on this host that are still within their time: candidates for the dead-pid check. */
export const selectLiveLeasesOnHost = `SELECT position, lease_token, lease_pid FROM ticket_queue
  WHERE state = 'leased' AND lease_host = ? AND lease_expires_at > ?`

export const reclaimLease = `UPDATE ticket_queue
  SET state = 'ready', lease_token = NULL, lease_owner = NULL, lease_host = NULL, lease_pid = NULL, lease_expires_at = NULL
  WHERE position = ? AND state = 'leased' AND lease_token = ?`

/** One statement, hence atomic: takes the oldest ready (or expired) entries. */
export const claimTickets = `UPDATE ticket_queue
  SET state = 'leased', attempts = attempts + 1, lease_token = ?, lease_owner = ?, lease_host = ?, lease_pid = ?, lease_expires_at = ?
  WHERE position IN (
    SELECT position FROM ticket_queue
    WHERE (state = 'ready' AND available_at <= ?) OR (state = 'leased' AND lease_expires_at <= ?)
    ORDER BY position LIMIT ?
  )
  RETURNING position, ticket_id, attempts`

export const renewLease = `UPDATE ticket_queue SET lease_expires_at = ?
  WHERE position = ? AND state = 'leased' AND lease_token = ? RETURNING position`

export const ackLease = `UPDATE ticket_queue
  SET state = 'done', acked_at = ?, lease_token = NULL, lease_expires_at = NULL
  WHERE position = ? AND state = 'leased' AND lease_token = ? RETURNING position`

export const releaseLease = `UPDATE ticket_queue
  SET state = 'ready', available_at = ?, lease_token = NULL, lease_owner = NULL, lease_host = NULL, lease_pid = NULL, lease_expires_at = NULL
  WHERE position = ? AND state = 'leased' AND lease_token = ? RETURNING position`

export const selectAckedPosition = `SELECT COALESCE(
    (SELECT MIN(position) - 1 FROM ticket_queue WHERE state <> 'done'),
    (SELECT COALESCE(MAX(position), 0) FROM ticket_queue)
  ) AS acked`

export const selectQueueCounts = `SELECT
    COALESCE(SUM(state = 'ready'), 0) AS ready,
    COALESCE(SUM(state = 'leased'), 0) AS leased,
    COALESCE(SUM(state = 'done'), 0) AS done
  FROM ticket_queue`

// ---- checkpoints --------------------------------------------------------------------------

export const selectCheckpoint = `SELECT position, state FROM checkpoints WHERE name = ?`
export const upsertCheckpoint = `INSERT INTO checkpoints (name, position, state, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state, updated_at = excluded.updated_at`
export const deleteCheckpoint = `DELETE FROM checkpoints WHERE name = ?`

// ---- runner control (pause / resume) ------------------------------------------------------

export const selectRunnerControl = `SELECT paused, reason, since, by_whom FROM runner_control WHERE id = 1`
export const upsertRunnerControl = `INSERT INTO runner_control (id, paused, reason, since, by_whom) VALUES (1, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET paused = excluded.paused, reason = excluded.reason, since = excluded.since, by_whom = excluded.by_whom`
