import { KeyedBatcher } from '../../core/concurrency/keyed-batcher.js';

/** One reply holds at most this much text; more lines go in the next reply. */
const MAX_TEXT = 3000;

/**
 * Timeline lines for one thread, posted one message at a time: a line that comes in while a
 * post is under way waits and goes out together with the others that came in meanwhile. A quiet
 * thread gets its line at once; twenty clicks in a second give a few replies, not twenty, which
 * keeps the channel within Slack's rate of about one message per second.
 */
export class TimelineBatcher {
  private readonly batcher: KeyedBatcher<string, void>;

  constructor(post: (thread: string, text: string) => Promise<void>) {
    this.batcher = new KeyedBatcher<string, void>(async (thread, lines) => {
      await post(thread, lines.join('\n'));
      return lines.map(() => ({ ok: true as const, value: undefined }));
    }, fitting);
  }

  /** Resolves when the message holding `line` is posted; rejects if that post failed. */
  add(thread: string, line: string): Promise<void> {
    return this.batcher.submit(thread, line);
  }
}

/** How many whole lines from the front fit in one message. */
function fitting(lines: string[]): number {
  let length = 0;
  let count = 0;
  while (count < lines.length) {
    length += (lines[count]?.length ?? 0) + 1;
    if (length > MAX_TEXT && count > 0) break;
    count += 1;
  }
  return count;
}
