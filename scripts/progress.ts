/**
 * Progress for long commands, on stderr so stdout stays the command's answer. On a terminal a
 * bar redraws in place; in a log (CI, a container) one line when the work starts and one when
 * it ends, since a carriage-return bar there is a wall of partial lines.
 */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): (done: number, total: number) => void {
  const began = performance.now();
  let started = false;
  let drawnAt = 0;
  let written = 0;
  return (done, total) => {
    const finished = done >= total;
    if (stream.isTTY) {
      const now = performance.now();
      if (!finished && now - drawnAt < 100) return;
      drawnAt = now;
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      stream.write(
        `\r${label.padEnd(20)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}   `,
      );
      if (finished) stream.write(`${((performance.now() - began) / 1000).toFixed(1)} s\n`);
      return;
    }
    // Seeding writes a module's data in several batches, each counted from 0: sum the batches.
    if (!started) {
      started = true;
      stream.write(`${label}: writing…\n`);
    }
    if (finished) {
      written += total;
      stream.write(
        `${label}: ${written} written (${((performance.now() - began) / 1000).toFixed(1)} s)\n`,
      );
    }
  };
}

/** A stage of a long command, with the seconds since the command began. */
export function stepper(
  command: string,
  stream: NodeJS.WriteStream = process.stderr,
): (what: string) => void {
  const began = performance.now();
  return (what) =>
    stream.write(
      `[${command} ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${what}\n`,
    );
}
