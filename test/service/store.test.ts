import { describe, expect, it } from 'vitest';
import { JobStore, MAX_RUNS } from '../../src/service/store.js';

describe('job store', () => {
  it('a job found running at a restart is queued again, but after MAX_RUNS such starts it fails', () => {
    const store = new JobStore(':memory:');
    store.insert({ id: 'j1', owner: 'local', kind: 'plan', input: '{}' });
    for (let run = 1; run <= MAX_RUNS; run++) {
      expect(store.claimNext()?.id).toBe('j1');
      // The process dies with the job running; the next start finds it so.
      store.requeueRunning();
      expect(store.get('j1')!.status).toBe(run < MAX_RUNS ? 'queued' : 'failed');
    }
    expect(store.get('j1')!.error).toMatch(/not run again/);
    expect(store.claimNext()).toBeUndefined();
    store.close();
  });
});
