/** A one-line progress bar on a terminal; silent when stderr is not a TTY (logs, CI, pipes). */
export class Progress {
  private readonly enabled: boolean;
  private readonly total: number;
  private readonly stream: NodeJS.WriteStream;
  private lastDraw = 0;

  constructor(total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.total = total;
    this.stream = stream;
    this.enabled = stream.isTTY && total > 0;
  }

  update(done: number, label: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < this.total) return; // redraw at most 10 times a second
    this.lastDraw = now;
    const width = 30;
    const ratio = Math.min(1, done / this.total);
    const filled = Math.round(ratio * width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%`;
    const room = Math.max(0, (this.stream.columns || 80) - bar.length - 2);
    this.stream.write(`\r${bar} ${label.slice(-room).padEnd(room)}`);
  }

  done(): void {
    if (this.enabled) this.stream.write("\r\x1b[K");
  }
}
