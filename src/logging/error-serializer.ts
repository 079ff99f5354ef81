/**
 * How an error is written to the log: only fields that say what failed, never the values that
 * were being written when it failed.
 *
 * Database errors carry user text. PGlite adds the statement's `query`, `params` and
 * `queryOptions` to every error it throws; PostgreSQL quotes the offending value in the message
 * ("invalid input syntax for type uuid: "…""), in `detail` ("Key (title)=(…) already exists.",
 * "Failing row contains (…)", "Token "…" is invalid.") and in `where` ("JSON data, line 1: …",
 * "unnamed portal parameter $1 = '…'"). Field list: PostgreSQL protocol, "Error and Notice
 * Message Fields", https://www.postgresql.org/docs/current/protocol-error-fields.html
 *
 * So the serializer copies a fixed list of fields, scrubs the quoted values from the texts
 * that remain, and follows `cause` (and AggregateError's `errors`) a few levels deep.
 */

/** What an error becomes in a log line. */
export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  [field: string]: unknown;
}

const REDACTED = '[redacted]';
const MAX_DEPTH = 4;
const MAX_ERRORS = 5;

/** Identifying fields with no user content: codes, names of tables and constraints, numbers. */
const SAFE_FIELDS = [
  'code',
  'errno',
  'syscall',
  'severity',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
  'file',
  'line',
  'position',
  'field',
  'rule',
  'permanent',
  'retryAfterMs',
  'status',
  'statusCode',
] as const;

/** Texts worth keeping once the values in them are scrubbed. */
const SCRUBBED_FIELDS = ['detail', 'hint', 'where'] as const;

// Values can hold quotes, brackets and line breaks, so each pattern runs to the words PostgreSQL
// (or JSON.parse) writes after the value, not to the first closing quote or bracket.
const VALUE_PATTERNS: Array<[RegExp, string]> = [
  // "Key (title)=(…) already exists." and the exclusion form "… conflicts with existing key (…)=(…)."
  [
    /(\bkey \([^\n]*?\))=\([\s\S]*?\)(?=\s+(?:already exists|is not present|is still referenced|conflicts with)|\.?\s*$)/gi,
    `$1=(${REDACTED})`,
  ],
  [/(Failing row contains )\([\s\S]*\)/g, `$1(${REDACTED})`],
  [/(JSON data, line \d+: )[^\n]*/g, `$1${REDACTED}`],
  // "invalid input syntax for type uuid: "…"" and the like: the value ends the message.
  [/(:\s*)"[\s\S]*"/g, `$1"${REDACTED}"`],
  [/(\bvalue\s+)"[\s\S]*?"(?=\s+is out of range)/g, `$1"${REDACTED}"`],
  [/(\bToken\s+)"[\s\S]*"(?=\s+is invalid)/g, `$1"${REDACTED}"`],
  // JSON.parse in Node 20+: `Unexpected token 'S', "Sanne de G"... is not valid JSON`.
  [/"[\s\S]*"(?:\.\.\.)?(?=\s+is not valid JSON)/g, `"${REDACTED}"`],
];
// Any other double-quoted text is a value unless an identifier keyword names it: `relation "incident"`.
const DOUBLE_QUOTED = /(\b[\p{L}_]+\s+)?"(?:[^"\n])*"/gu;
const IDENTIFIER_WORDS = new Set([
  'relation',
  'table',
  'column',
  'constraint',
  'index',
  'type',
  'schema',
  'function',
  'sequence',
  'database',
  'role',
  'user',
  'encoding',
  'operator',
  'trigger',
  'view',
  'extension',
  'portal',
  'statement',
  'cursor',
  'domain',
  'collation',
  'savepoint',
  'tablespace',
  'policy',
  'rule',
  'server',
  'module',
  'package',
]);
// A single-quoted text that does not start inside a word (keeps apostrophes as in "doesn't").
const SINGLE_QUOTED = /(^|[^\p{L}\p{N}])'(?:[^'\n]|'')*'/gu;
// The bytes PostgreSQL quotes when an encoding is wrong ("0xe2 0x80").
const HEX_BYTES = /\b0x[0-9a-f]{2}\b(?:\s+0x[0-9a-f]{2}\b)*/gi;

/**
 * Takes out the values PostgreSQL, PGlite and JSON.parse quote in their messages, keeping the
 * words and the names of tables, columns and constraints.
 */
export function scrubErrorText(text: string): string {
  let scrubbed = text;
  for (const [pattern, replacement] of VALUE_PATTERNS) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed
    .replace(DOUBLE_QUOTED, (whole, before: string | undefined) => {
      if (before && IDENTIFIER_WORDS.has(before.trim().toLowerCase())) return whole;
      return `${before ?? ''}"${REDACTED}"`;
    })
    .replace(SINGLE_QUOTED, `$1'${REDACTED}'`)
    .replace(HEX_BYTES, REDACTED);
}

/**
 * The pino serializer for `err` (and `error`): type, scrubbed message and stack, the fields in
 * SAFE_FIELDS, scrubbed `detail`/`hint`/`where`, and the same for `cause` and `errors`.
 * Everything else (`params`, `parameters`, `query`, `queryOptions`, `data`, `body`, …) is left out.
 */
export function serializeError(error: unknown): unknown {
  return serialize(error, 0, new Set());
}

function serialize(value: unknown, depth: number, seen: Set<unknown>): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return scrubErrorText(value);
  if (typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  const source = value as Record<string, unknown>;
  const message = typeof source.message === 'string' ? source.message : '';
  const out: SerializedError = {
    type: value instanceof Error ? value.constructor.name : 'Object',
    message: scrubErrorText(message),
  };
  if (typeof source.name === 'string' && source.name !== out.type) out.name = scrubErrorText(source.name);
  if (typeof source.stack === 'string') out.stack = scrubStack(source.stack, message);
  for (const field of SAFE_FIELDS) {
    const fieldValue = source[field];
    if (typeof fieldValue === 'number' || typeof fieldValue === 'boolean') out[field] = fieldValue;
    else if (typeof fieldValue === 'string') out[field] = scrubErrorText(fieldValue).slice(0, 200);
  }
  for (const field of SCRUBBED_FIELDS) {
    if (typeof source[field] === 'string') out[field] = scrubErrorText(source[field] as string);
  }
  if (depth < MAX_DEPTH) {
    if (source.cause !== undefined) out.cause = serialize(source.cause, depth + 1, seen);
    if (Array.isArray(source.errors)) {
      out.errors = source.errors.slice(0, MAX_ERRORS).map((inner) => serialize(inner, depth + 1, seen));
    }
  }
  return out;
}

/** The stack's first lines repeat the message: scrub that copy, then anything quoted below it. */
function scrubStack(stack: string, message: string): string {
  const withoutMessage = message ? stack.split(message).join(scrubErrorText(message)) : stack;
  return scrubErrorText(withoutMessage);
}
