/**
 * `POST /v1/plans/sheets`: the import sheets as a plan job. A workbook made from the tiny sample
 * plans like the sample's JSON; malformed sheets are 400 with the importer's codes and cells, and
 * what a bad cell holds is never echoed; tokens and limits as for the other endpoints.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import type { Issues } from '../../src/service/schemas.js';
import { addToken } from '../../src/service/tokens.js';
import { csvText, instanceSheets, xlsxBuffer } from '../../src/sheets/index.js';
import { zipOf } from '../fixtures/zip.js';
import { bearer, QUICK, service, tempDir, tinyInstance, waitJob } from './helpers.js';

const URL = '/v1/plans/sheets';

async function tinyWorkbook(): Promise<string> {
  return (await xlsxBuffer(instanceSheets(tinyInstance(), 'sv'))).toString('base64');
}

describe('POST /v1/plans/sheets', () => {
  it('plans a workbook made from the tiny sample: a job like any other, its instance the sample', async () => {
    const s = await service();
    const r = await s.app.inject({ method: 'POST', url: URL, payload: { name: 'tiny.xlsx', workbook: await tinyWorkbook(), options: QUICK } });
    expect(r.statusCode, r.body).toBe(202);
    const body = r.json<{ id: string; status: string; warnings: unknown[]; summary: { clients: number; staff: number } }>();
    expect(body.status).toBe('queued');
    expect(r.headers.location).toBe(`/v1/plans/${body.id}`);
    const tiny = tinyInstance();
    expect(body.summary).toMatchObject({ clients: tiny.clients.length, staff: tiny.staff.length, days: tiny.period.days, start: tiny.period.start });
    const done = await waitJob(s, body.id);
    expect(done.status).toBe('done');
    const plan = (await s.app.inject({ method: 'GET', url: `/v1/plans/${body.id}/plan` })).json<Plan>();
    expect(plan.instanceId).toBe(tiny.id);
    expect(plan.visits.length).toBeGreaterThan(0);
    const instance = (await s.app.inject({ method: 'GET', url: `/v1/plans/${body.id}/instance` })).json<Instance>();
    expect(instance.clients.map((c) => c.id)).toEqual(tiny.clients.map((c) => c.id));
    // The board evaluates it like a JSON job.
    const ev = await s.app.inject({ method: 'POST', url: `/v1/plans/${body.id}/evaluate`, payload: {} });
    expect(ev.statusCode, ev.body).toBe(200);
  });

  it('plans the CSV files of a folder', async () => {
    const s = await service();
    const files = instanceSheets(tinyInstance(), 'en').map((t) => ({ name: `${t.name}.csv`, text: csvText(t) }));
    const r = await s.app.inject({ method: 'POST', url: URL, payload: { files, options: QUICK } });
    expect(r.statusCode, r.body).toBe(202);
    expect((await waitJob(s, r.json<{ id: string }>().id)).status).toBe('done');
  });

  it('answers malformed sheets with 400: the importer’s codes, sheet, line and column; never the cell’s content', async () => {
    const s = await service();
    const sheets = instanceSheets(tinyInstance(), 'sv');
    const clients = sheets.find((t) => t.name === 'brukare')!;
    const lat = clients.headers.indexOf('lat');
    const secret = 'Astrid Lindgren';
    const bad = { ...clients, rows: clients.rows.map((row, i) => (i === 0 ? row.map((c, k) => (k === lat ? secret : c)) : row)) };
    const workbook = (await xlsxBuffer(sheets.filter((t) => t.name !== 'pass').map((t) => (t === clients ? bad : t)))).toString('base64');
    const r = await s.app.inject({ method: 'POST', url: URL, payload: { name: 'knivsta.xlsx', workbook } });
    expect(r.statusCode).toBe(400);
    expect(r.body).not.toContain(secret);
    const issues = r.json<Issues>().issues;
    const letter = String.fromCharCode(65 + lat);
    expect(issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual([`BAD_NUMBER brukare!${letter}2`, 'SHEET_MISSING pass']);
    const cell = issues.find((i) => i.code === 'BAD_NUMBER')!;
    expect(cell).toMatchObject({ sheet: 'brukare', line: 2, column: `${letter} (lat)` });
    expect(cell.hint).toBeTruthy();
    expect(s.store.counts()).toMatchObject({ queued: 0, running: 0, done: 0 });
  });

  it('refuses what is not a workbook, an archive that unpacks too far, and a body naming neither or both', async () => {
    const s = await service();
    const post = async (payload: unknown): Promise<{ status: number; codes: string[] }> => {
      const r = await s.app.inject({ method: 'POST', url: URL, payload: payload as object });
      return { status: r.statusCode, codes: r.json<Issues>().issues.map((i) => `${i.code} ${i.path}`) };
    };
    expect(await post({ workbook: Buffer.from('not a zip').toString('base64') })).toEqual({ status: 400, codes: ['SHEET_UNREADABLE workbook.xlsx'] });
    // One entry of 128 MiB of spaces, deflated to about 130 kB, its headers claiming 100 bytes.
    expect(await post({ name: 'bomb.xlsx', workbook: zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(128 * 1024 * 1024, 0x20)).toString('base64') })).toEqual({ status: 400, codes: ['WORKBOOK_TOO_LARGE bomb.xlsx'] });
    expect((await post({ workbook: 'not base64!' })).status).toBe(400);
    expect((await post({ options: QUICK })).codes).toEqual(['SCHEMA workbook']);
    expect((await post({ workbook: await tinyWorkbook(), files: [{ name: 'brukare.csv', text: 'id\n' }] })).codes).toEqual(['SCHEMA workbook']);
    expect((await post({ files: [{ name: '../brukare.csv', text: 'id\n' }] })).codes.map((c) => c.split(' ')[0])).toEqual(['SCHEMA']);
    // Over the body limit: 413 like any body.
    const small = await service({ bodyLimit: 64 * 1024 });
    const r = await small.app.inject({ method: 'POST', url: URL, payload: { workbook: Buffer.alloc(100 * 1024).toString('base64') } });
    expect(r.statusCode).toBe(413);
  });

  it('needs a token when the server has tokens', async () => {
    const file = join(tempDir(), 'tokens.json');
    const alice = addToken(file, 'alice');
    const bob = addToken(file, 'bob');
    const s = await service({ tokens: file });
    const payload = { workbook: await tinyWorkbook(), options: QUICK };
    expect((await s.app.inject({ method: 'POST', url: URL, payload })).statusCode).toBe(401);
    const r = await s.app.inject({ method: 'POST', url: URL, payload, headers: bearer(alice) });
    expect(r.statusCode, r.body).toBe(202);
    const id = r.json<{ id: string }>().id;
    expect((await waitJob(s, id, bearer(alice))).status).toBe('done');
    expect((await s.app.inject({ method: 'GET', url: `/v1/plans/${id}`, headers: bearer(bob) })).statusCode).toBe(404);
  });
});
