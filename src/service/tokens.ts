/**
 * Bearer tokens of `slinga serve --tokens <file>`. `slinga token add` prints a new token once; the
 * file keeps its name and the SHA-256 of the token only (tokens are 256 random bits, so a fast hash
 * is enough: there is nothing to guess). The server re-reads the file when it changes, so a token
 * added while it runs works at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Id } from '../schema/common.js';

/** The tokens file. */
export const TokensFile = z.object({
  tokens: z.array(z.object({ name: Id, sha256: z.string().regex(/^[0-9a-f]{64}$/), created: z.string() })),
});
export type TokensFile = z.infer<typeof TokensFile>;

/** A tokens file that cannot be read or is malformed. */
export class TokensFileError extends Error {}

/** SHA-256 of a token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function read(file: string): TokensFile {
  if (!existsSync(file)) return { tokens: [] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new TokensFileError(`${file}: not a JSON tokens file`);
  }
  const r = TokensFile.safeParse(json);
  if (!r.success) throw new TokensFileError(`${file}: malformed tokens file (${r.error.issues[0]?.message ?? 'bad shape'})`);
  return r.data;
}

/** Adds a token named `name` to the file (created if missing, mode 0600) and returns the token. */
export function addToken(file: string, name: string): string {
  if (!Id.safeParse(name).success) throw new TokensFileError(`token name "${name}": use letters, digits and - _ . : only`);
  const data = read(file);
  if (data.tokens.some((t) => t.name === name)) throw new TokensFileError(`${file}: a token named ${name} exists already`);
  const token = `slinga_${randomBytes(32).toString('base64url')}`;
  const next: TokensFile = { tokens: [...data.tokens, { name, sha256: hashToken(token), created: new Date().toISOString() }] };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return token;
}

/** Looks tokens up by hash; re-reads the file when its modification time changes (checked at most once a second). */
export class TokenRing {
  private byHash = new Map<string, string>();
  private mtime = -1;
  private checked = 0;

  constructor(private readonly file: string) {
    this.reload();
  }

  /** The name of the token's owner, or undefined for an unknown token. */
  owner(token: string): string | undefined {
    const now = Date.now();
    if (now - this.checked > 1000) {
      this.checked = now;
      try {
        if (statSync(this.file).mtimeMs !== this.mtime) this.reload();
      } catch {
        // A file that vanished keeps the tokens last read: the server does not lock everyone out mid-run.
      }
    }
    return this.byHash.get(hashToken(token));
  }

  private reload(): void {
    this.mtime = existsSync(this.file) ? statSync(this.file).mtimeMs : -1;
    this.byHash = new Map(read(this.file).tokens.map((t) => [t.sha256, t.name]));
  }
}
