/**
 * Worker-thread entry of the pool (loaded by piscina). Thin on purpose: it calls the same
 * {@link runTask} as the in-process path and keeps no state between tasks.
 */
import { runTask, type PoolJob, type PoolResult } from './tasks.js';

export default function work(job: PoolJob): Promise<PoolResult> {
  return runTask(job);
}
