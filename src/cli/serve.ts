/**
 * `slinga serve`, `slinga worker` and `slinga token add`: the service's commands (src/service).
 * Both long-running commands stop cleanly on SIGINT/SIGTERM; jobs that were running then are run
 * again from their input on the next start (the server) or on another worker (a queue worker).
 */
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { addToken, openService, startQueueWorker, TokensFileError } from '../service/index.js';
import { CliError } from './errors.js';

function whole(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number ${min}–${max}`);
    return n;
  };
}

function redisUrl(value: string): string {
  if (!/^rediss?:\/\/[^\s]+$/.test(value)) throw new InvalidArgumentError('expected redis://host:port');
  return value;
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** `slinga serve` */
export async function cmdServe(opts: { host: string; port: number; data: string; workers?: number; tokens?: string; queue?: string }): Promise<void> {
  let service;
  try {
    // Without tokens anyone who reaches the port may use it: answer to the loopback names and
    // --host only, so a web page cannot reach it through DNS rebinding.
    const allowedHosts = opts.tokens ? undefined : ['127.0.0.1', 'localhost', '[::1]', opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host];
    service = await openService({ data: opts.data, workers: opts.workers ?? Math.min(2, availableParallelism()), tokens: opts.tokens, queue: opts.queue, log: true, allowedHosts });
  } catch (e) {
    if (e instanceof TokensFileError) throw new CliError(2, e.message);
    throw e;
  }
  const address = await service.app.listen({ host: opts.host, port: opts.port });
  process.stderr.write(`slinga: serving on ${address} (data ${opts.data}; ${opts.queue ? `jobs on ${opts.queue}` : 'embedded jobs'}${opts.tokens ? '; tokens required' : ''})\n`);
  await stopSignal();
  await service.close();
}

/** `slinga worker` */
export async function cmdWorker(opts: { queue: string; workers?: number }): Promise<void> {
  const worker = await startQueueWorker({ url: opts.queue, workers: opts.workers ?? 1, onLog: (line) => process.stderr.write(`slinga worker: ${line}\n`) });
  process.stderr.write(`slinga worker: taking jobs from ${opts.queue} (${opts.workers ?? 1} at once)\n`);
  await stopSignal();
  // A second signal while waiting for running jobs leaves them to be retried on another worker.
  await Promise.race([worker.close(), stopSignal().then(() => worker.close(true))]);
}

/** `slinga token add` */
export async function cmdTokenAdd(name: string, opts: { tokens: string }): Promise<void> {
  try {
    const token = addToken(opts.tokens, name);
    process.stdout.write(`${token}\n`);
    process.stderr.write(`${opts.tokens}: token ${name} added (shown once; the file keeps its hash)\n`);
  } catch (e) {
    if (e instanceof TokensFileError) throw new CliError(2, e.message);
    throw e;
  }
}

/** Adds the service's commands to the program. */
export function addServiceCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the REST job API (OpenAPI at /openapi.json)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <n>', 'port (0: any free port)', whole(0, 65535), 8080)
    .option('--data <dir>', 'data directory (jobs, inputs, results)', 'slinga-data')
    .option('--workers <n>', 'solves at once (default 2)', whole(1, 256))
    .option('--tokens <file>', 'require bearer tokens from this file (`slinga token add`)')
    .option('--queue <url>', 'put jobs on BullMQ at redis://host:port for `slinga worker`s', redisUrl)
    .action(cmdServe);

  program
    .command('worker')
    .description('take jobs from the queue of `slinga serve --queue` and solve them')
    .requiredOption('--queue <url>', 'redis://host:port', redisUrl)
    .option('--workers <n>', 'solves at once (default 1)', whole(1, 256))
    .action(cmdWorker);

  const token = program.command('token').description('manage the bearer tokens of `slinga serve --tokens`');
  token
    .command('add')
    .description('print a new bearer token once; the file keeps its hash')
    .argument('<name>', 'who the token is for (letters, digits, - _ . :)')
    .requiredOption('--tokens <file>', 'tokens file (created if missing)')
    .action(cmdTokenAdd);
}
