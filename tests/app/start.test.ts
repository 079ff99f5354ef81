import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('starting on the embedded database', () => {
  let dir: string;
  let app: App;
  const log = capture();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stappenplan-start-'));
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: join(dir, 'data') }), { logger: log.logger });
  });
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);
  });

  it('logs JSON lines: migrations applied, playbook, address', () => {
    const messages = log.lines.map((line) => JSON.parse(line).msg);
    expect(messages).toEqual(expect.arrayContaining(['database ready', 'playbook loaded', 'listening']));
  });

  it('reports not ready once the database is gone, while /healthz still answers', async () => {
    await app.database.close();
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe('a school playbook file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stappenplan-playbook-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('extends the built-in playbook and is used for new incidents', async () => {
    const file = join(dir, 'school.yaml');
    await writeFile(
      file,
      [
        'extends: stappenplan-sexting',
        'key: mijn-school',
        'version: 1',
        'phases:',
        '  - key: direct',
        '    steps:',
        '      - key: bel-leerplicht',
        '        title: { nl: Bel de leerplichtambtenaar, en: Call the attendance officer }',
      ].join('\n'),
    );
    const app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', PLAYBOOK_FILE: file }), {
      logger: capture().logger,
    });
    try {
      const active = app.context.playbooks.active;
      expect(active.key).toBe('mijn-school');
      expect(active.phases[0]?.steps.map((step) => step.key)).toContain('bel-leerplicht');
      expect(app.context.playbooks.get('stappenplan-sexting', 1).key).toBe('stappenplan-sexting');
    } finally {
      await app.close();
    }
  });

  it('refuses to start on a bad file, naming the file and the field', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      'extends: stappenplan-sexting\nkey: mijn-school\nversion: 1\nphases:\n  - key: Direct!\n',
    );
    await expect(
      startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', PLAYBOOK_FILE: file }), {
        logger: capture().logger,
      }),
    ).rejects.toThrow(`${file}: phases[0].key: use lowercase letters, digits and dashes (a-z, 0-9, -)`);
  });

  it('names the line of a YAML syntax error', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'key: x\nphases: [\n');
    await expect(
      startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', PLAYBOOK_FILE: file }), {
        logger: capture().logger,
      }),
    ).rejects.toThrow(/broken\.yaml: line \d+, column \d+/);
  });

  it('says when the file cannot be read', async () => {
    const file = join(dir, 'missing.yaml');
    await expect(
      startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', PLAYBOOK_FILE: file }), {
        logger: capture().logger,
      }),
    ).rejects.toThrow(`${file}: cannot read the file (ENOENT)`);
  });
});

describe('log redaction', () => {
  it('hides secrets and personal fields but keeps ids', () => {
    const log = capture();
    log.logger.info(
      {
        incident: 'abc',
        title: 'Foto van Sanne',
        user: { id: 'U1', displayName: 'Sanne' },
        req: { headers: { authorization: 'Bearer xoxb-1' } },
        slack: { token: 'xoxb-2' },
      },
      'event',
    );
    const line = log.lines.at(-1) ?? '';
    expect(line).not.toContain('Sanne');
    expect(line).not.toContain('xoxb');
    expect(JSON.parse(line)).toMatchObject({ incident: 'abc', user: { id: 'U1' }, title: '[redacted]' });
  });
});
