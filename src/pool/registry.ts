/**
 * What the pool runs: task handlers, collected in a registry. The pool knows no task of its own;
 * the application (or a test) lists its handlers in a registry module, and the pool runs them on
 * this thread or on worker threads, which import that module themselves.
 *
 * This file imports nothing, so that a worker thread loads only the registry it is given.
 */

/** Tasks and results are plain, structured-clone-able data tagged with their kind. */
export interface Tagged {
  readonly kind: string;
}

/** What a handler learns about the attempt it runs. */
export interface TaskContext {
  /** 0 on the first attempt, 1 on the retry. */
  readonly attempt: number;
}

/**
 * One kind of work. `run` may be synchronous or async; typed arrays in the task are shared with
 * other attempts and tasks, so it must treat them as read-only. `validate` checks a result that
 * crossed a thread boundary (a zod parse) and returns it; it throws when the result is malformed.
 */
export interface TaskHandler<T extends Tagged = Tagged, R extends Tagged = Tagged> {
  readonly kind: T['kind'];
  run(task: T, context: TaskContext): R | Promise<R>;
  validate(result: unknown): R;
}

/**
 * The handlers of one registry module, by kind. `module` is that module's URL (`import.meta.url`):
 * a worker thread imports its compiled form and takes the registry from its default export, so the
 * handlers on both sides are the same code.
 */
export interface TaskRegistry<H extends TaskHandler = TaskHandler> {
  readonly module: string;
  readonly handlers: { readonly [kind: string]: H };
}

/** The task type of a handler (or of a union of handlers). */
export type TaskOf<H> = H extends TaskHandler<infer T, Tagged> ? T : never;

/** The result type of the handlers of kind `K` among `H`. */
export type ResultOf<H, K extends string = string> = H extends TaskHandler<infer T, infer R> ? (T['kind'] extends K ? R : never) : never;

/**
 * A frozen registry. Call it in the registry module itself, with its own `import.meta.url`, and
 * export the registry as that module's default export.
 */
export function defineRegistry<H extends TaskHandler>(module: string, handlers: readonly H[]): TaskRegistry<H> {
  const byKind: { [kind: string]: H } = {};
  for (const h of handlers) {
    if (Object.hasOwn(byKind, h.kind)) throw new Error(`task registry ${module}: two handlers for "${h.kind}"`);
    byKind[h.kind] = Object.freeze(h);
  }
  return Object.freeze({ module, handlers: Object.freeze(byKind) });
}

/** Runs one task with its registry's handler: the one entry of the in-process path and of the worker threads. */
export async function runTask(registry: TaskRegistry, task: Tagged, attempt: number): Promise<Tagged> {
  return handlerOf(registry, task.kind).run(task, { attempt });
}

/** The handler of a kind; a clear error for a kind the registry does not list. */
export function handlerOf(registry: TaskRegistry, kind: string): TaskHandler {
  if (!Object.hasOwn(registry.handlers, kind)) throw new Error(`no "${kind}" handler in task registry ${registry.module}`);
  return registry.handlers[kind]!;
}
