/** One reply holds at most this much text; more lines go in the next reply. */
const MAX_TEXT = 3000;

interface Entry {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Timeline lines for one thread, posted one message at a time: a line that comes in while a
 * post is under way waits and goes out together with the others that came in meanwhile. A quiet
 * thread gets its line at once; twenty clicks in a second give a few replies, not twenty, which
 * keeps the channel within Slack's rate of about one message per second.
 */
export class TimelineBatcher {
  private readonly busy = new Set<string>();
  private readonly pending = new Map<string, Entry[]>();

  constructor(private readonly post: (thread: string, text: string) => Promise<void>) {}

  /** Resolves when the message holding `line` is posted; rejects if that post failed. */
  add(thread: string, line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const queued = this.pending.get(thread) ?? [];
      queued.push({ line, resolve, reject });
      this.pending.set(thread, queued);
      if (!this.busy.has(thread)) void this.flush(thread);
    });
  }

  private async flush(thread: string): Promise<void> {
    const queued = this.pending.get(thread) ?? [];
    const batch = takeFitting(queued);
    if (batch.length === 0) return;
    if (queued.length === 0) this.pending.delete(thread);
    this.busy.add(thread);
    try {
      await this.post(thread, batch.map((entry) => entry.line).join('\n'));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.busy.delete(thread);
      if (this.pending.has(thread)) void this.flush(thread);
    }
  }
}

/** Removes and returns as many whole lines from the front as fit in one message (at least one). */
function takeFitting(queued: Entry[]): Entry[] {
  let length = 0;
  let count = 0;
  while (count < queued.length) {
    length += (queued[count]?.line.length ?? 0) + 1;
    if (length > MAX_TEXT && count > 0) break;
    count += 1;
  }
  return queued.splice(0, count);
}
