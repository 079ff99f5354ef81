import type { Clock } from '../ports/clock.js';

export interface ExpiringCacheOptions<T> {
  /** Whether a loaded value is worth keeping (e.g. not a lookup that found nothing). */
  keep?: (value: T) => boolean;
}

/**
 * Keeps what a loader gave for a key during `ttlMs`, measured on the Clock port; callers in the
 * meantime share the same promise. A failed load is forgotten at once, so the next call tries
 * again.
 */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, { until: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
    private readonly options: ExpiringCacheOptions<T> = {},
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.value;
    const value = load();
    this.entries.set(key, { until: now + this.ttlMs, value });
    const forget = () => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    };
    value.then((loaded) => {
      if (this.options.keep && !this.options.keep(loaded)) forget();
    }, forget);
    return value;
  }

  /** Forgets one key, e.g. after the value was changed. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
