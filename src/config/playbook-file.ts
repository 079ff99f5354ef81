import { readFile } from 'node:fs/promises';
import { parse, YAMLParseError } from 'yaml';
import { BUILTIN_PLAYBOOKS, DEFAULT_PLAYBOOK } from '../core/playbook/builtin/index.js';
import { loadPlaybook, PlaybookInvalidError } from '../core/playbook/playbook.loader.js';
import type { Playbook } from '../core/playbook/playbook.types.js';

/**
 * The playbook new incidents use: the school's file when PLAYBOOK_FILE is set, otherwise the
 * built-in one. YAML and JSON are both read (JSON is valid YAML).
 */
export async function readActivePlaybook(path: string | null): Promise<Playbook> {
  if (!path) return DEFAULT_PLAYBOOK;
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new PlaybookInvalidError(path, [`cannot read the file (${code})`]);
  }
  let data: unknown;
  try {
    data = parse(source);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0];
      const position = where ? `line ${where.line}, column ${where.col}` : 'syntax';
      throw new PlaybookInvalidError(path, [`${position}: ${error.message.split('\n')[0]}`]);
    }
    throw error;
  }
  return loadPlaybook(data, path, BUILTIN_PLAYBOOKS);
}
