import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/service/openapi.js';
import { addToken, hashToken } from '../../src/service/tokens.js';
import { nestsDeeper } from '../../src/service/http.js';
import { QUICK, bearer, service, submitPlan, tempDir, tinyJson, waitJob } from './helpers.js';

type Issues = { issues: { code: string; path: string; message: string }[] };

/** A tokens file with alice and bob. */
function tokens(): { file: string; alice: string; bob: string } {
  const file = join(tempDir(), 'tokens.json');
  return { file, alice: addToken(file, 'alice'), bob: addToken(file, 'bob') };
}

describe('tokens', () => {
  it('the file keeps names and hashes only; every /v1 call needs a known token (401), open routes do not', async () => {
    const t = tokens();
    const text = readFileSync(t.file, 'utf8');
    expect(text).not.toContain(t.alice);
    expect(text).toContain(hashToken(t.alice));
    expect(() => addToken(t.file, 'alice')).toThrow(/exists already/);
    const s = await service({ tokens: t.file });
    for (const headers of [{}, bearer('slinga_not-a-token'), { authorization: `Basic ${t.alice}` }]) {
      const r = await s.app.inject({ method: 'POST', url: '/v1/validate', payload: { instance: tinyJson() }, headers });
      expect(r.statusCode).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Bearer');
      expect(r.json<Issues>().issues[0]!.code).toBe('UNAUTHORIZED');
    }
    expect((await s.app.inject({ method: 'POST', url: '/v1/validate', payload: { instance: tinyJson() }, headers: bearer(t.alice) })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
  });

  it('a token sees only its own jobs: another token gets 404 for each of them', async () => {
    const t = tokens();
    const s = await service({ tokens: t.file });
    const id = await submitPlan(s, { ...QUICK }, bearer(t.alice));
    await waitJob(s, id, bearer(t.alice));
    for (const url of [`/v1/plans/${id}`, `/v1/plans/${id}/plan`, `/v1/plans/${id}/report`, `/v1/plans/${id}/instance`, `/v1/plans/${id}/events`]) {
      expect((await s.app.inject({ url, headers: bearer(t.bob) })).statusCode).toBe(404);
      expect((await s.app.inject({ url, headers: bearer(t.alice) })).statusCode).toBe(200);
    }
    expect((await s.app.inject({ method: 'DELETE', url: `/v1/plans/${id}`, headers: bearer(t.bob) })).statusCode).toBe(404);
    expect((await s.app.inject({ url: `/v1/plans/not-an-id`, headers: bearer(t.alice) })).statusCode).toBe(404);
  });

  it('a token added while the server runs works at once', async () => {
    const t = tokens();
    const s = await service({ tokens: t.file });
    const carol = addToken(t.file, 'carol');
    // The file is re-read when its modification time changes, at most once a second.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await s.app.inject({ url: '/v1/plans/00000000-0000-4000-8000-000000000000', headers: bearer(carol) })).statusCode).toBe(404);
  });
});

describe('limits and errors', () => {
  it('413 for a body over the limit (10 MB) and for JSON nested too deep; nothing is stored', async () => {
    const s = await service();
    const big = JSON.stringify({ instance: { id: 'x', pad: 'x'.repeat(10 * 1024 * 1024) } });
    const r = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: big, headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(413);
    expect(r.json<Issues>().issues[0]!.code).toBe('TOO_LARGE');
    const deep = `{"instance":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const d = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: deep, headers: { 'content-type': 'application/json' } });
    expect(d.statusCode).toBe(413);
    expect(d.json<Issues>().issues[0]!.code).toBe('TOO_DEEP');
    expect(Object.values(s.store.counts()).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('nestsDeeper counts brackets outside strings only', () => {
    expect(nestsDeeper('[[[]]]', 3)).toBe(false);
    expect(nestsDeeper('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeper('["[[[[[[", "\\"[[[["]', 2)).toBe(false);
  });

  it('400 with code and JSON path for wrong types, huge numbers, unknown keys and bad JSON; no stack traces', async () => {
    const s = await service();
    const cases: [unknown, string][] = [
      [{ instance: tinyJson(), options: { seed: 'one' } }, 'options.seed'],
      [{ instance: tinyJson(), options: { seed: 1e300 } }, 'options.seed'],
      [{ instance: tinyJson(), options: { iterationsPerDay: 1e9 } }, 'options.iterationsPerDay'],
      [{ instance: tinyJson(), options: { weights: { nobody: 1 } } }, 'options.weights'],
      [{ instance: tinyJson(), extra: 1 }, '$'],
      [{ instance: { ...tinyJson(), clients: 'many' } }, 'instance.clients'],
      [{ instance: { ...tinyJson(), travel: { matrix: { format: 'osrm', locationIds: ['b1'], path: '/etc/passwd' } } } }, 'instance.travel.matrix.path'],
      [{}, 'instance'],
      [[1, 2], '$'],
    ];
    for (const [payload, path] of cases) {
      const r = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: payload as object });
      expect(r.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      const issues = r.json<Issues>().issues;
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.map((i) => i.path)).toContain(path);
      for (const i of issues) expect(Object.keys(i)).toEqual(expect.arrayContaining(['code', 'path', 'message']));
      expect(r.body).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+/);
    }
    const bad = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: '{"instance": ', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Issues>().issues[0]!.code).toBe('NOT_JSON');
    const text = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(Object.values(s.store.counts()).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('429 past the rate limit of a token; other tokens are not affected', async () => {
    const t = tokens();
    const s = await service({ tokens: t.file, rateLimit: { max: 5, windowMs: 60_000 } });
    const url = '/v1/plans/00000000-0000-4000-8000-000000000000';
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await s.app.inject({ url, headers: bearer(t.alice) })).statusCode);
    expect(codes).toEqual([404, 404, 404, 404, 404, 429, 429]);
    const r = await s.app.inject({ url, headers: bearer(t.alice) });
    expect(r.json<Issues>().issues[0]!.code).toBe('RATE_LIMITED');
    expect((await s.app.inject({ url, headers: bearer(t.bob) })).statusCode).toBe(404);
  });

  it('403 for a request from a web page of another origin', async () => {
    const s = await service();
    const r = await s.app.inject({ method: 'POST', url: '/v1/validate', payload: { instance: tinyJson() }, headers: { origin: 'https://evil.example' } });
    expect(r.statusCode).toBe(403);
    expect(r.json<Issues>().issues[0]!.code).toBe('CROSS_ORIGIN');
    const same = await s.app.inject({ method: 'POST', url: '/v1/validate', payload: { instance: tinyJson() }, headers: { origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(same.statusCode).toBe(200);
    // Sandboxed frames and file:// pages send `Origin: null`: another origin too.
    expect((await s.app.inject({ url: '/v1/plans/x', headers: { origin: 'null' } })).statusCode).toBe(403);
  });

  it('403 for another host name without tokens (DNS rebinding: Host and Origin agree but name another site)', async () => {
    const s = await service({ allowedHosts: ['127.0.0.1', 'localhost', '[::1]'] });
    const rebound = await s.app.inject({ method: 'POST', url: '/v1/validate', payload: { instance: tinyJson() }, headers: { origin: 'http://evil.example:8080', host: 'evil.example:8080' } });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json<Issues>().issues[0]!.code).toBe('UNKNOWN_HOST');
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080']) {
      expect((await s.app.inject({ method: 'POST', url: '/v1/validate', payload: { instance: tinyJson() }, headers: { host } })).statusCode, host).toBe(200);
    }
  });

  it('logs ids and paths only: no names, addresses or needs, not even from invalid bodies', async () => {
    let log = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const s = await service({ log: true, logStream: stream });
    const instance = tinyJson() as { clients: Record<string, unknown>[] };
    instance.clients[0] = { ...instance.clients[0], name: 'Astrid Lindqvist', address: 'Storgatan 12, Knivsta' };
    const id = await submitPlan(s, { ...QUICK }, {}, instance);
    await waitJob(s, id);
    const broken = { ...instance, clients: [{ ...instance.clients[0], tasks: 'Astrid Lindqvist needs insulin' }] };
    expect((await s.app.inject({ method: 'POST', url: '/v1/plans', payload: { instance: broken } })).statusCode).toBe(400);
    expect(log).toContain(id);
    expect(log).not.toMatch(/Astrid|Lindqvist|Storgatan|insulin/);
  });
});

describe('OpenAPI', () => {
  it('/openapi.json is a valid OpenAPI 3.1 document that covers every route', async () => {
    const s = await service();
    const doc = (await s.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>();
    const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    // Fastify's routes, from its route tree (HEAD is implied by GET).
    const tree = s.app.printRoutes({ commonPrefix: false });
    const routes: string[] = [];
    const stack: string[] = [];
    for (const line of tree.split('\n')) {
      const m = /^([│\s]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
      if (!m) continue;
      const depth = m[1]!.length / 4;
      stack.length = depth;
      stack.push(m[2]!);
      for (const method of m[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method.toLowerCase()} ${stack.join('').replace(/:(\w+)/g, '{$1}')}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(routes.sort()).toEqual(documented.sort());
    expect(OPERATIONS.map((o) => `${o.method} ${o.path}`).sort()).toEqual(documented.sort());
    // Bodies and answers are the library's schemas, once each.
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['InstanceInput', 'PlanInput', 'ChangesInput', 'Plan', 'Kpis', 'JobStatus', 'Issues']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['RecommendBody', 'Recommendation']));
  });
});

// A changed tokens file on disk is picked up; an unreadable one keeps the tokens last read.
it('a malformed tokens file is refused at start', async () => {
  const file = join(tempDir(), 'tokens.json');
  writeFileSync(file, '{"tokens": [{"name": "x"}]}');
  await expect(service({ tokens: file })).rejects.toThrow(/malformed tokens file/);
});
