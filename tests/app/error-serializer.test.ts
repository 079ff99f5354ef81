import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { type Logger, pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { scrubErrorText, serializeError } from '../../src/logging/error-serializer.js';
import { createLogger, REDACT_PATHS } from '../../src/logging/logger.js';
import { rejection } from '../support/core-fixture.js';
import { describeEachDatabase } from '../support/databases.js';

/** A logger as the app makes it, writing into an array of parsed lines. */
function capture(make: (stream: Writable) => Logger = (stream) => createLogger('info', stream)) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  return { lines, logger: make(stream), text: () => lines.join('\n') };
}

// Quotes, brackets and a line break: a value that ends early at the first quote would leak the rest.
const SECRET = 'Sanne "SdG" de Groot) (uit\n2C';
const FRAGMENTS = ['Sanne', 'SdG', 'Groot', 'uit\\n2C', '2C'];

function expectNoSecret(text: string): void {
  for (const fragment of FRAGMENTS) expect(text, `log contains ${fragment}`).not.toContain(fragment);
}

describe('scrubErrorText', () => {
  it.each([
    [
      'invalid input syntax for type uuid: "Sanne de Groot"',
      'invalid input syntax for type uuid: "[redacted]"',
    ],
    ['Key (title)=(Sanne (2C)) already exists.', 'Key (title)=([redacted]) already exists.'],
    [
      'Key (a, lower(b))=(1, x) conflicts with existing key (a, lower(b))=(1, y).',
      'Key (a, lower(b))=([redacted]) conflicts with existing key (a, lower(b))=([redacted]).',
    ],
    ['Failing row contains (Fatima El Amrani, null).', 'Failing row contains ([redacted]).'],
    ['Token "Sanne" is invalid.', 'Token "[redacted]" is invalid.'],
    [
      'JSON data, line 1: {"a": Sanne...\nunnamed portal parameter $1 = \'Sanne\'',
      "JSON data, line 1: [redacted]\nunnamed portal parameter $1 = '[redacted]'",
    ],
    [
      'value "99999999999 Sanne" is out of range for type integer',
      'value "[redacted]" is out of range for type integer',
    ],
    [
      'invalid byte sequence for encoding "UTF8": 0xe2 0x80',
      'invalid byte sequence for encoding "UTF8": [redacted]',
    ],
    [
      'Unexpected token \'S\', "Sanne de G"... is not valid JSON',
      'Unexpected token \'[redacted]\', "[redacted]" is not valid JSON',
    ],
  ])('%j', (raw, scrubbed) => {
    expect(scrubErrorText(raw)).toBe(scrubbed);
  });

  it('keeps addresses in a stack frame', () => {
    const frame = '    at wasm://wasm/022a9842:wasm-function[3597]:0x15883';
    expect(scrubErrorText(frame)).toBe(frame);
  });

  it('keeps the names of relations, columns, constraints and types, and ordinary apostrophes', () => {
    const text =
      'null value in column "n" of relation "incident" violates not-null constraint; type "step_status" doesn\'t exist';
    expect(scrubErrorText(text)).toBe(text);
  });
});

describe('serializeError', () => {
  it('keeps what identifies the failure and drops everything else', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "note_pkey"'), {
      code: '23505',
      table: 'note',
      constraint: 'note_pkey',
      detail: 'Key (id)=(Sanne) already exists.',
      query: "insert into note values ('Sanne')",
      params: ['Sanne'],
      parameters: ['Sanne'],
      queryOptions: { rowMode: 'object' },
      data: { text: 'Sanne' },
    });
    const out = serializeError(new Error('could not save', { cause: error })) as Record<string, unknown>;
    expect(out).toMatchObject({ type: 'Error', message: 'could not save' });
    expect(out.cause).toEqual({
      type: 'Error',
      message: 'duplicate key value violates unique constraint "note_pkey"',
      stack: expect.stringContaining('duplicate key value'),
      code: '23505',
      table: 'note',
      constraint: 'note_pkey',
      detail: 'Key (id)=([redacted]) already exists.',
    });
    expect(JSON.stringify(out)).not.toContain('Sanne');
  });

  it('follows AggregateError, survives cycles and plain values', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const looped = new Error('loop') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(serializeError(new AggregateError([inner], 'all failed'))).toMatchObject({
      type: 'AggregateError',
      errors: [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    });
    expect(serializeError(looped)).toMatchObject({ cause: '[circular]' });
    expect(serializeError('value "Sanne" is out of range')).toBe('value "[redacted]" is out of range');
    expect(serializeError(undefined)).toBeUndefined();
  });
});

describeEachDatabase('database errors logged through the real logger', (target) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await target.open({ migrate: false });
    await sql`create table probe (title text unique, n integer not null)`.execute(handle.db);
    await sql`insert into probe values (${SECRET}, 1)`.execute(handle.db);
  });
  afterAll(async () => handle?.close());

  it.runIf(target.name === 'pglite')('the logger as it was wrote the params of a PGlite error', async () => {
    const error = await rejection(sql`select ${`${SECRET}\u0000`}::text`.execute(handle.db));
    const before = capture((stream) =>
      pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream),
    );
    before.logger.error({ err: error }, 'query failed');
    expect(before.text()).toContain('Sanne');
  });

  // PostgreSQL's own message for a NUL byte quotes nothing; PGlite adds the statement's params.
  const failures: Array<[string, () => Promise<unknown>]> = [
    ...(target.name === 'pglite'
      ? [['a NUL byte in a text parameter', () => sql`select ${`${SECRET}\u0000`}::text`.execute(handle.db)]]
      : []),
    ['a unique violation', () => sql`insert into probe values (${SECRET}, 2)`.execute(handle.db)],
    ['a not-null violation', () => sql`insert into probe values (${`${SECRET}!`}, null)`.execute(handle.db)],
    ['a value that is not a uuid', () => sql`select ${SECRET}::uuid`.execute(handle.db)],
    ['a value that is not JSON', () => sql`select ${SECRET}::json`.execute(handle.db)],
  ] as Array<[string, () => Promise<unknown>]>;

  it.each(failures)('%s: the value is in the error, not in the log line', async (_label, fail) => {
    const error = await rejection(fail());
    const carried = JSON.stringify({ ...(error as object), message: (error as Error).message });
    expect(carried, 'the error itself carries the value').toContain('Sanne');

    const log = capture();
    log.logger.error({ err: error }, 'query failed');
    log.logger.error(error as Error);
    log.logger.warn({ err: new Error('saving failed', { cause: error }), incident: 'inc-1' });
    log.logger.child({ module: 'slack' }).error({ error }, 'nested');
    expect(log.lines).toHaveLength(4);
    expectNoSecret(log.text());

    const line = JSON.parse(log.lines[0] ?? '{}');
    const code = (error as { code?: string }).code;
    expect(line.err).toMatchObject({ code, message: expect.any(String), stack: expect.any(String) });
    expect(line.err.params).toBeUndefined();
    expect(line.err.query).toBeUndefined();
    expect(JSON.parse(log.lines[1] ?? '{}').msg).toBe(line.err.message);
    expect(JSON.parse(log.lines[2] ?? '{}').err.cause).toMatchObject({ code });
  });
});
