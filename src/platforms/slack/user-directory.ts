import type { webApi } from '@slack/bolt';
import { ExpiringCache } from '../../core/concurrency/expiring-cache.js';
import type { Clock } from '../../core/ports/clock.js';
import { callSlack } from './api/slack-api.js';

type WebClient = webApi.WebClient;

export interface SlackUser {
  id: string;
  /** What Slack shows for the person: display name, else full name, else user name. */
  name: string | null;
  isBot: boolean;
}

const TTL_MS = 60 * 60 * 1000;

/**
 * Names of colleagues, so cards say "Anna heeft deze stap al opgepakt" instead of an id.
 * Looked up with users.info and kept for an hour; a failed lookup gives no name, never an error.
 */
export class UserDirectory {
  private readonly cache: ExpiringCache<SlackUser>;

  constructor(
    private readonly client: WebClient,
    clock: Clock,
  ) {
    // A failed lookup (no name) is not kept: the next lookup tries again.
    this.cache = new ExpiringCache(TTL_MS, clock, { keep: (user) => user.name !== null });
  }

  lookup(userId: string): Promise<SlackUser> {
    return this.cache.get(userId, () => this.fetch(userId));
  }

  /** Looks several people up at once, giving up on slow answers after `timeoutMs`. */
  async lookupAll(userIds: string[], timeoutMs: number): Promise<Map<string, SlackUser>> {
    const unique = [...new Set(userIds)];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const found = await Promise.all(
      unique.map((id) => Promise.race([this.lookup(id), timeout]).then((user) => user ?? unknown(id))),
    );
    clearTimeout(timer);
    return new Map(found.map((user) => [user.id, user]));
  }

  private async fetch(userId: string): Promise<SlackUser> {
    try {
      const answer = await callSlack(this.client, 'users.info', { user: userId });
      const user = answer.user as
        | {
            name?: string;
            real_name?: string;
            is_bot?: boolean;
            profile?: { display_name?: string; real_name?: string };
          }
        | undefined;
      const name =
        nonEmpty(user?.profile?.display_name) ??
        nonEmpty(user?.profile?.real_name) ??
        nonEmpty(user?.real_name) ??
        nonEmpty(user?.name);
      return { id: userId, name, isBot: user?.is_bot === true };
    } catch {
      return unknown(userId);
    }
  }
}

function unknown(id: string): SlackUser {
  return { id, name: null, isBot: false };
}

function nonEmpty(value: string | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}
