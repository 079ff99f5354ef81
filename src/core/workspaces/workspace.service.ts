import { ExpiringCache } from '../concurrency/expiring-cache.js';
import { DomainError } from '../errors/domain-error.js';
import type { Platform, Workspace } from '../incidents/incident.types.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';

/** How long workspace settings (language, time zone) are kept before they are read again. */
export const WORKSPACE_TTL_MS = 30_000;

export interface WorkspaceDeps {
  store: Store;
  clock: Clock;
  /** Language and time zone of a workspace seen for the first time. */
  defaults: Pick<Workspace, 'locale' | 'timezone'>;
}

/**
 * The schools (Slack teams, Teams teams, the playground) the bot serves. Every click needs its
 * workspace's language and time zone, which hardly ever change: they are read at most every
 * 30 seconds, so a change made in the database shows within that time.
 */
export class WorkspaceService {
  private readonly cache: ExpiringCache<Workspace>;

  constructor(private readonly deps: WorkspaceDeps) {
    this.cache = new ExpiringCache(WORKSPACE_TTL_MS, deps.clock);
  }

  /** The workspace with this id; WorkspaceNotFound when there is none. */
  get(id: string): Promise<Workspace> {
    return this.cache.get(`id:${id}`, async () => {
      const found = await this.deps.store.workspaces.get(id);
      if (!found) throw new DomainError('WorkspaceNotFound', { workspace: id });
      return found;
    });
  }

  /** The workspace of a platform's team, made with the defaults on first sight. */
  ensure(platform: Platform, externalId: string): Promise<Workspace> {
    return this.cache.get(`ext:${platform}:${externalId}`, () =>
      this.deps.store.workspaces.ensure(platform, externalId, this.deps.defaults),
    );
  }
}
