import { describe, expect, it } from 'vitest';
import { TimelineBatcher } from '../../../src/platforms/slack/timeline.batcher.js';

/** A post that waits until the test lets it finish. */
function controlledPost() {
  const posts: Array<{ thread: string; text: string; finish: (error?: Error) => void }> = [];
  const post = (thread: string, text: string) =>
    new Promise<void>((resolve, reject) => {
      posts.push({ thread, text, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { posts, post };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TimelineBatcher', () => {
  it('posts a lone line at once, and lines that arrive meanwhile together afterwards', async () => {
    const { posts, post } = controlledPost();
    const batcher = new TimelineBatcher(post);
    const first = batcher.add('C1 1.1', 'een');
    await tick();
    expect(posts.map((p) => p.text)).toEqual(['een']);
    const second = batcher.add('C1 1.1', 'twee');
    const third = batcher.add('C1 1.1', 'drie');
    const other = batcher.add('C2 2.2', 'elders');
    await tick();
    expect(posts.map((p) => p.text)).toEqual(['een', 'elders']);
    posts[0]!.finish();
    await first;
    await tick();
    expect(posts.map((p) => p.text)).toEqual(['een', 'elders', 'twee\ndrie']);
    posts[2]!.finish();
    posts[1]!.finish();
    await Promise.all([second, third, other]);
  });

  it('rejects only the lines of a post that failed', async () => {
    const { posts, post } = controlledPost();
    const batcher = new TimelineBatcher(post);
    const first = batcher.add('C1', 'een');
    await tick();
    const second = batcher.add('C1', 'twee');
    posts[0]!.finish(new Error('ratelimited'));
    await expect(first).rejects.toThrow('ratelimited');
    await tick();
    posts[1]!.finish();
    await expect(second).resolves.toBeUndefined();
  });

  it('never puts more than 3000 characters in one reply', async () => {
    const { posts, post } = controlledPost();
    const batcher = new TimelineBatcher(post);
    const start = batcher.add('C1', 'start');
    await tick();
    const all = [start, ...Array.from({ length: 5 }, (_, i) => batcher.add('C1', `${i}`.repeat(1000)))];
    for (let i = 0; i < 4; i += 1) {
      posts[i]?.finish();
      await tick();
    }
    await Promise.all(all);
    expect(posts.map((p) => p.text.length)).toEqual([5, 2001, 2001, 1000]);
  });
});
