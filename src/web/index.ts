/**
 * The planner's web board served by `slinga serve` at `/`: one self-contained page (src/web/page.ts)
 * and its one endpoint of its own, `POST /v1/plans/{id}/evaluate` (hand moves checked and priced).
 * Everything else the page does goes through the service's ordinary API.
 * @module
 */
import { fromZodIssuesForFile } from '../validate/index.js';
import { Plan } from '../schema/plan.js';
import { checkInstance, type ServiceIssue } from '../service/validate.js';
import { BoardSession } from './evaluate.js';
import { EvaluateRequest } from './schemas.js';
import { viewChanges } from './view-changes.js';

export { BoardSession, type Evaluation } from './evaluate.js';
export { boardPage, BOARD_CSP } from './page.js';
export { EvaluateRequest, EvaluateResponse, Move } from './schemas.js';
export { MERGE_VIEW, viewChanges, type BoardView, type ViewChanges } from './view-changes.js';

/** The texts of a job: its instance (JSON) and its plan (JSON). */
export interface JobTexts {
  readonly instance: string;
  readonly plan: string;
}

/**
 * The sessions of the plans boards are editing, most recently used last. Building one parses and
 * validates instance and plan and prepares the checker (about a second for a 14-day municipality);
 * every drag after that reuses it. Bounded: the oldest is dropped beyond `size`.
 */
export class BoardCache {
  private readonly sessions = new Map<string, BoardSession>();

  constructor(private readonly size = 4) {}

  /** The session of `key` (owner and job id), built from the job's texts when missing. */
  get(key: string, texts: () => JobTexts): BoardSession {
    let s = this.sessions.get(key);
    if (s) this.sessions.delete(key);
    else {
      const t = texts();
      const inst = checkInstance(JSON.parse(t.instance));
      if (!inst.ok) throw new Error(`stored instance of ${key.split('\u0000')[1]} no longer validates`);
      s = new BoardSession(inst.value.instance, Plan.parse(JSON.parse(t.plan)), inst.value.matrix);
    }
    this.sessions.set(key, s);
    while (this.sessions.size > this.size) this.sessions.delete(this.sessions.keys().next().value!);
    return s;
  }
}

/**
 * `POST /v1/plans/{id}/evaluate`: the answer's status and body (400 with every problem of the body),
 * and the milliseconds it took (`session` to open it, `evaluate` to check and price, `view` to draw).
 */
export function evaluateBody(body: unknown, session: () => BoardSession): { status: number; body: unknown; timing?: Record<string, number> } {
  const r = EvaluateRequest.safeParse(body ?? {});
  if (!r.success) return { status: 400, body: { issues: fromZodIssuesForFile(r.error.issues).map((i): ServiceIssue => ({ code: i.code, path: i.path, message: i.message, hint: i.hint.replace('`slinga schema instance`', 'GET /openapi.json') })) } };
  let t = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return Math.round(ms * 10) / 10;
  };
  const s = session();
  const opened = lap();
  const issues = s.validate(r.data.moves);
  if (issues.length > 0) return { status: 400, body: { issues } };
  const ev = s.evaluate(r.data.moves);
  const evaluated = lap();
  const view = s.view(ev.plan, r.data.lang);
  // The view's visits in plan order (the report's data skips none of a validated plan's).
  const idsOf = (plan: Plan): string[] => plan.visits.filter((v) => s.clientIds.has(v.clientId)).map((v) => v.id);
  const ids = idsOf(ev.plan);
  const changes = r.data.changesOnly ? viewChanges(s.baseView(r.data.lang).data, view.data) : undefined;
  const drawn: Record<string, unknown> = changes
    ? { viewChanges: changes, ...(sameList(ids, idsOf(s.base)) ? {} : { ids }) }
    : { ids, view: view.data, ...(view.changes ? { changes: view.changes } : {}) };
  return {
    timing: { session: opened, evaluate: evaluated, view: lap() },
    status: 200,
    body: {
      valid: ev.check.valid,
      violations: ev.check.violations,
      introduced: ev.introduced,
      terms: ev.terms,
      delta: ev.delta,
      moved: ev.moved,
      locked: (ev.plan.locks ?? []).map((l) => l.visitId),
      ...drawn,
      ...(r.data.withPlan ? { plan: ev.plan } : {}),
    },
  };
}

/** Whether two lists hold the same items in the same order. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
