/**
 * The edge of the HTTP server: JSON parsing with a depth limit, bearer tokens, the same-origin rule,
 * rate limits and one error shape (`{"issues": [{code, path, message}]}`, never a stack trace).
 */
import type { IncomingMessage } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceIssue } from './validate.js';
import type { TokenRing } from './tokens.js';

/** Limits of the edge. */
export interface EdgeOptions {
  /** The tokens; undefined = no authentication (every caller is `local`). */
  readonly tokens?: TokenRing;
  /** Deepest JSON nesting accepted (413 beyond). */
  readonly maxDepth: number;
  /** Requests per token (or per address without tokens) per window (429 beyond). */
  readonly rateLimit: { readonly max: number; readonly windowMs: number };
  /**
   * Host names the server answers to (the `Host` header, port aside); others get 403. Without
   * tokens `slinga serve` sets the loopback names and its `--host`, so a page whose name was
   * re-pointed at 127.0.0.1 (DNS rebinding) cannot use it. Undefined = any host.
   */
  readonly allowedHosts?: readonly string[];
}

/** The host name of a `Host` header (`[::1]:8080` → `[::1]`, `localhost:80` → `localhost`). */
function hostName(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: the token's name, or `local` without tokens. */
    owner: string;
  }
}

/** Sends an error in the service's one shape. */
export function sendIssues(reply: FastifyReply, status: number, issues: ServiceIssue[]): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ issues });
}

/** One issue at the root of the request. */
export function issue(code: string, message: string, hint?: string): ServiceIssue {
  return hint === undefined ? { code, path: '$', message } : { code, path: '$', message, hint };
}

/**
 * True when JSON text nests deeper than `limit` (objects and arrays), scanned before parsing so
 * that a hostile body never reaches the parser's recursion.
 */
export function nestsDeeper(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** Whether an Origin header names the host the request was sent to (default ports normalised). */
function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const o = new URL(origin);
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/**
 * Reads and drops the rest of a refused body (up to 64 MiB, for at most 10 s) before the answer:
 * a server that answers and closes while the client still sends resets the connection, and the
 * client loses the 413 with it.
 */
function drain(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const stop = (): void => {
      clearTimeout(timer);
      raw.off('data', count);
      resolve();
    };
    const count = (chunk: Buffer): void => {
      read += chunk.length;
      if (read > 64 * 1024 * 1024) stop();
    };
    const timer = setTimeout(stop, 10_000);
    raw.on('data', count);
    raw.once('end', stop);
    raw.once('error', stop);
    raw.resume();
  });
}

class EdgeError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Installs the edge on an app (before its routes). */
export async function installEdge(app: FastifyInstance, options: EdgeOptions): Promise<void> {
  app.decorateRequest('owner', '');

  const parseJson = app.getDefaultJsonParser('error', 'error');
  // JSON only: any other body is refused with 415 (a web form cannot post to the API either).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (nestsDeeper(text, options.maxDepth)) return done(new EdgeError(413, 'TOO_DEEP', `the JSON body nests deeper than ${options.maxDepth} levels`), undefined);
    parseJson(req, text, done);
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    // A browser page of another origin must not drive a server on this machine (CSRF, DNS rebinding).
    const origin = req.headers.origin;
    // `Origin: null` comes from sandboxed frames and file:// pages: another origin too.
    if (origin !== undefined) {
      if (origin === 'null' || !sameHost(origin, req.headers.host)) return sendIssues(reply, 403, [issue('CROSS_ORIGIN', 'requests from another origin are refused', 'call the API from a server, not from a web page of another site')]);
    }
    if (options.allowedHosts) {
      const name = hostName(req.headers.host ?? '');
      if (name === undefined || !options.allowedHosts.includes(name)) return sendIssues(reply, 403, [issue('UNKNOWN_HOST', 'this server answers to its own address only', 'call it as 127.0.0.1 or localhost (or the --host it was started with); start it with --tokens to serve other names')]);
    }
    if (!req.url.startsWith('/v1/') && req.url !== '/v1') return;
    if (!options.tokens) {
      req.owner = 'local';
      return;
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const owner = m ? options.tokens.owner(m[1]!) : undefined;
    if (owner === undefined) {
      void reply.header('www-authenticate', 'Bearer');
      return sendIssues(reply, 401, [issue('UNAUTHORIZED', m ? 'unknown token' : 'missing bearer token', 'send Authorization: Bearer <token from `slinga token add`>')]);
    }
    req.owner = owner;
  });

  await app.register(rateLimit, {
    global: true,
    max: options.rateLimit.max,
    timeWindow: options.rateLimit.windowMs,
    keyGenerator: (req) => (req.owner !== '' ? `token:${req.owner}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      issues: [issue('RATE_LIMITED', `more than ${ctx.max} requests in ${ctx.after}`, `retry after ${ctx.after}`)],
    }),
  });

  app.setErrorHandler(async (err: FastifyError & { issues?: ServiceIssue[] }, req, reply) => {
    if (err.statusCode === 429 && Array.isArray(err.issues)) return sendIssues(reply, 429, err.issues);
    if (err instanceof EdgeError) return sendIssues(reply, err.statusCode, [issue(err.code, err.message)]);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      await drain(req.raw);
      return sendIssues(reply, 413, [issue('TOO_LARGE', 'the body is larger than the server accepts', 'send a smaller instance')]);
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendIssues(reply, 415, [issue('MEDIA_TYPE', 'bodies are JSON', 'send Content-Type: application/json')]);
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendIssues(reply, 400, [issue('NOT_JSON', 'the body is empty', 'send one JSON object')]);
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return sendIssues(reply, 400, [issue('NOT_JSON', 'the body is not valid JSON', 'send one JSON object')]);
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendIssues(reply, status, [issue(err.code ?? 'BAD_REQUEST', err.message)]);
    // A bug: the message goes to the log (ids only, by construction), never a stack to the caller.
    req.log.error({ reqId: req.id, code: err.code, message: err.message }, 'internal error');
    return sendIssues(reply, 500, [issue('INTERNAL', 'internal error')]);
  });

  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (req, reply) => sendIssues(reply, 404, [issue('NOT_FOUND', 'no such route or job')]));
}

/** Fastify's logger configured to log ids only: method, path (no query), status and timing. */
export const LOGGER = {
  level: 'info',
  serializers: {
    req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], reqId: req.id }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
} as const;
