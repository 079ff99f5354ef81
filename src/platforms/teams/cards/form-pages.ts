import type { FormSpec } from '../../../core/forms/form.specs.js';

/**
 * A long list is edited a page at a time: the rows of the page replace the same rows of the
 * stored answer, and every other stored row is kept as it was.
 */
export function mergeFormPage(
  spec: FormSpec,
  stored: Record<string, unknown> | null,
  submitted: Record<string, unknown>,
  offset: number,
  count: number,
): Record<string, unknown> {
  if (!spec.list) return submitted;
  const name = spec.list.name;
  const before = Array.isArray(stored?.[name]) ? (stored?.[name] as unknown[]) : [];
  const page = Array.isArray(submitted[name]) ? (submitted[name] as unknown[]) : [];
  const rows = [...before.slice(0, offset), ...page.slice(0, count), ...before.slice(offset + count)];
  return { ...submitted, [name]: rows };
}
