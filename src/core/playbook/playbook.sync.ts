import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error.js';
import type { Store } from '../ports/store.js';
import type { PlaybookRegistry } from './playbook.registry.js';
import type { Playbook } from './playbook.types.js';

/**
 * Stores each playbook version the first time it is used and loads every stored version into
 * the registry, so an incident is always shown with the version it was opened with. A stored
 * version whose content differs from the file is refused: changed content needs a new version.
 */
export async function syncPlaybooks(
  store: Store,
  registry: PlaybookRegistry,
  playbooks: Playbook[],
): Promise<void> {
  for (const playbook of playbooks) {
    const contentHash = playbookHash(playbook);
    const stored = await store.playbooks.insert({
      key: playbook.key,
      version: playbook.version,
      contentHash,
      content: playbook,
    });
    if (stored.contentHash !== contentHash) {
      throw new DomainError(
        'PlaybookVersionConflict',
        { key: playbook.key, version: playbook.version },
        `Playbook ${playbook.key} version ${playbook.version} differs from the stored version ${playbook.version}; give the changed playbook a new version number.`,
      );
    }
  }
  for (const stored of await store.playbooks.list()) registry.register(stored.content);
}

export function playbookHash(playbook: Playbook): string {
  return createHash('sha256').update(canonicalJson(playbook)).digest('hex');
}

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
