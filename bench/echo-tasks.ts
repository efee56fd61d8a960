/**
 * The micro-benchmarks' task registry: `echo` answers with the length of the typed array it gets,
 * so that a round trip through the pool measures the pool's overhead and nothing else.
 */
import { defineRegistry, type TaskHandler } from '../src/pool/registry.js';

/** A task that does (almost) nothing. */
export interface EchoTask {
  readonly kind: 'echo';
  readonly values: Int32Array;
}

/** Its answer. */
export interface EchoResult {
  readonly kind: 'echo';
  readonly length: number;
}

/** The echo handler; its validation is a bare shape check (the benchmark measures the pool, not zod). */
export const echo: TaskHandler<EchoTask, EchoResult> = {
  kind: 'echo',
  run: (t) => ({ kind: 'echo', length: t.values.length }),
  validate(r) {
    const length = (r as Partial<EchoResult>).length;
    if (typeof length !== 'number') throw new Error('echo: no length');
    return { kind: 'echo', length };
  },
};

/** The registry of `npm run bench:micro`. */
const echoTasks = defineRegistry(import.meta.url, [echo]);
export default echoTasks;
