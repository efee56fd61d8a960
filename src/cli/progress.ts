import cliProgress from 'cli-progress';

/** A progress reporter: a bar on a terminal, nothing otherwise (logs and pipes stay clean). */
export interface ProgressSink {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal (cli-progress), else a silent sink. */
export function progressBar(title: string, stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {percentage}% | {value}/{total} {label}`, stream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label = '') {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
