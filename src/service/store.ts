/**
 * The service's job store: one SQLite file in `--data` (better-sqlite3). Every submission is
 * committed before its `202` is sent, every state change is one statement, and a result is written
 * at most once (a second result for the same job — a retried worker's — is ignored). WAL journal:
 * a killed process loses nothing that was committed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { JobKind } from './jobs.js';
import type { JobStatusName } from './schemas.js';

/** What a status poll reads of a job (no inputs or results: they may be megabytes). */
export interface JobMeta {
  readonly seq: number;
  readonly id: string;
  readonly owner: string;
  readonly kind: JobKind;
  readonly status: JobStatusName;
  /** Whether a plan is stored. */
  readonly hasPlan: boolean;
  /** The plan's KPIs alone, JSON. */
  readonly kpis: string | null;
  readonly stopped: string | null;
  readonly error: string | null;
  readonly cancelRequested: boolean;
  readonly runs: number;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** Starts of a job after which a restart that finds it still running fails it instead of running it again. */
export const MAX_RUNS = 3;

/** A whole row: the request body as submitted, the plan (with its KPIs) and a replan's changed instance, JSON text. */
export interface JobRow extends JobMeta {
  readonly input: string;
  readonly result: string | null;
  readonly outInstance: string | null;
}

/** A finished job's outcome. */
export type Finish =
  | { readonly status: 'done' | 'cancelled'; readonly result: string | null; readonly kpis?: string; readonly outInstance?: string; readonly stopped?: string }
  | { readonly status: 'failed'; readonly error: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  input TEXT NOT NULL,
  result TEXT,
  kpis TEXT,
  out_instance TEXT,
  stopped TEXT,
  error TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  runs INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status, seq);
`;

const META = `seq, id, owner, kind, status, result IS NOT NULL AS hasPlan, kpis, stopped, error, cancel_requested AS cancelRequested, runs,
  created_at AS createdAt, started_at AS startedAt, finished_at AS finishedAt`;
const COLUMNS = `${META}, input, result, out_instance AS outInstance`;

type Raw<T> = Omit<T, 'cancelRequested' | 'hasPlan'> & { cancelRequested: number; hasPlan: number };
function row<T extends JobMeta>(r: Raw<T> | undefined): T | undefined {
  return r === undefined ? undefined : ({ ...r, cancelRequested: r.cancelRequested === 1, hasPlan: r.hasPlan === 1 } as unknown as T);
}

/** The job store of one `--data` directory. */
export class JobStore {
  private readonly db: Database.Database;

  /** Opens (creating) `<dir>/jobs.sqlite`; `:memory:` for a store that lives with the process. */
  constructor(dir: string) {
    if (dir !== ':memory:') mkdirSync(dir, { recursive: true });
    this.db = new Database(dir === ':memory:' ? ':memory:' : join(dir, 'jobs.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process; only a power cut may lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** Adds a queued job. */
  insert(job: { id: string; owner: string; kind: JobKind; input: string }): void {
    this.db
      .prepare(`INSERT INTO jobs (id, owner, kind, status, input, created_at) VALUES (?, ?, ?, 'queued', ?, ?)`)
      .run(job.id, job.owner, job.kind, job.input, new Date().toISOString());
  }

  /** A job by id, whoever owns it. */
  get(id: string): JobRow | undefined {
    return row<JobRow>(this.db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`).get(id) as Raw<JobRow> | undefined);
  }

  /** A job's status fields if `owner` owns it (others' jobs are not found). */
  meta(id: string, owner: string): JobMeta | undefined {
    return row<JobMeta>(this.db.prepare(`SELECT ${META} FROM jobs WHERE id = ? AND owner = ?`).get(id, owner) as Raw<JobMeta> | undefined);
  }

  /** One stored JSON text of a job `owner` owns: its input, its plan or a replan's changed instance. */
  text(id: string, owner: string, which: 'input' | 'result' | 'out_instance'): string | null | undefined {
    const r = this.db.prepare(`SELECT ${which} AS t FROM jobs WHERE id = ? AND owner = ?`).get(id, owner) as { t: string | null } | undefined;
    return r?.t;
  }

  /** Marks the oldest queued job running and returns it (one transaction). */
  claimNext(): JobRow | undefined {
    return this.db.transaction(() => {
      const next = this.db.prepare(`SELECT id FROM jobs WHERE status = 'queued' ORDER BY seq LIMIT 1`).get() as { id: string } | undefined;
      if (!next) return undefined;
      this.markRunning(next.id);
      return this.get(next.id);
    })();
  }

  /** Marks a queued job running (a queue worker took it); false when it was not queued. */
  markRunning(id: string): boolean {
    const r = this.db.prepare(`UPDATE jobs SET status = 'running', runs = runs + 1, started_at = ? WHERE id = ? AND status = 'queued'`).run(new Date().toISOString(), id);
    return r.changes === 1;
  }

  /** Records a job's outcome once; false when the job was finished already (a duplicate result). */
  finish(id: string, outcome: Finish): boolean {
    const now = new Date().toISOString();
    const r =
      outcome.status === 'failed'
        ? this.db.prepare(`UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`).run(outcome.error, now, id)
        : this.db
            .prepare(`UPDATE jobs SET status = ?, result = ?, kpis = ?, out_instance = ?, stopped = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`)
            .run(outcome.status, outcome.result, outcome.kpis ?? null, outcome.outInstance ?? null, outcome.stopped ?? null, now, id);
    return r.changes === 1;
  }

  /** Notes that the owner asked to cancel (a running job stops at its next progress report). */
  requestCancel(id: string): void {
    this.db.prepare(`UPDATE jobs SET cancel_requested = 1 WHERE id = ?`).run(id);
  }

  /** On start: jobs that were running when the last process stopped are queued again, in their order. */
  requeueRunning(): number {
    // A job that was running at each of its last MAX_RUNS starts takes the server down with it: it fails.
    this.db.prepare(`UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE status = 'running' AND runs >= ?`).run(`stopped ${MAX_RUNS} times while running (a crash or a kill each time); not run again`, new Date().toISOString(), MAX_RUNS);
    return this.db.prepare(`UPDATE jobs SET status = 'queued' WHERE status = 'running'`).run().changes;
  }

  /** Queued and running jobs, oldest first. */
  unfinished(): JobRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE status IN ('queued', 'running') ORDER BY seq`).all() as Raw<JobRow>[]).map((r) => row<JobRow>(r)!);
  }

  /** Jobs per status. */
  counts(): Record<JobStatusName, number> {
    const out: Record<JobStatusName, number> = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
    for (const r of this.db.prepare(`SELECT status, COUNT(*) AS n FROM jobs GROUP BY status`).all() as { status: JobStatusName; n: number }[]) out[r.status] = r.n;
    return out;
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}
