import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatCsv, formatMarkdown, runBench, summarize, type BenchRow } from '../../src/bench/harness.js';
import { benchData as dataRoot } from '../fixtures/benchmarks.js';

describe('benchmark harness', () => {
  it('runs instances × seeds in task order with gaps to the BKS and a summary by class', async () => {
    const report = await runBench({ suite: 'solomon', dataRoot, instances: ['R101', 'c101'], seed: 5, seeds: 2, maxIterations: 60, workers: 1 });
    expect(report.rows.map((r) => [r.instance, r.seed])).toEqual([
      ['C101', 5],
      ['C101', 6],
      ['R101', 5],
      ['R101', 6],
    ]);
    for (const r of report.rows) {
      expect(r.feasible).toBe(true);
      expect(r.gapPercent).toBeCloseTo((100 * (r.value - r.bks!)) / r.bks!, 9);
    }
    expect(report.summary.map((s) => s.cls)).toEqual(['C1', 'R1', 'all']);
    const md = formatMarkdown(report);
    expect(md).toContain('| C101 | 5 |');
    expect(md).toContain('| class | runs | feasible | mean gap % |');
    const csv = parse(formatCsv(report), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(4);
    expect(csv[0]!.instance).toBe('C101');
  });

  it('leaves flagged BKS out of class means and shows deltas against a baseline', () => {
    const row = (instance: string, gap: number, excluded = false): BenchRow => ({
      suite: 'solomon', instance, cls: 'R1', strategy: '-', seed: 1, value: 100 + gap, vehicles: 10, bks: 100, gapPercent: gap, excluded, seconds: 1, feasible: true,
    });
    const rows = [row('R101', 1), row('R109', -5, true), row('R102', 3)];
    const [r1] = summarize(rows);
    expect(r1).toMatchObject({ cls: 'R1', runs: 3, meanGapPercent: 2, maxGapPercent: 3 });
    const report = { suite: 'solomon' as const, options: { seed: 1, seeds: 1, timeLimitSeconds: null, maxIterations: 10, workers: 1 }, rows, summary: summarize(rows), wallSeconds: 1, peakRssMB: 1 };
    const before = { ...report, summary: summarize([row('R101', 0.5), row('R102', 0.5)]) };
    const md = formatMarkdown(report, before);
    expect(md).toContain('Δ vs baseline');
    expect(md).toMatch(/\| R1 \| 3 \| 3 \| 2\.00 \| 3\.00 \|.*\| \+1\.50 \|/);
    expect(md).toContain('(-5.00)');
  });

  it('rejects an instance filter that matches nothing', async () => {
    await expect(runBench({ suite: 'mankowska', dataRoot, instances: ['Z9'], seed: 1, seeds: 1, maxIterations: 1, workers: 1 })).rejects.toThrow(RangeError);
  });
});
