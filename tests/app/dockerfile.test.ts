import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const dockerfile = readFileSync(root('Dockerfile'), 'utf8');
const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8')) as { engines: { node: string } };
const readme = readFileSync(root('README.md'), 'utf8');

/** Major versions named in an `engines` range such as `^20.19.0 || >=24.0.0`. */
function majors(range: string): number[] {
  return [...range.matchAll(/(\d+)\.\d+/g)].map((match) => Number(match[1]));
}

describe('the Node.js line', () => {
  it('builds and runs the image on Node.js 24 (LTS), never on end-of-life Node.js 20', () => {
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]);
    expect(bases).toHaveLength(2);
    for (const base of bases) expect(base).toMatch(/^node:24-bookworm-slim(\s|$)/);
    expect(dockerfile).not.toMatch(/^FROM\s+node:20/m);
  });

  it('states the supported versions in engines and in the README: 24, and 20.19+ / 22.12+ still', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.12.0 || >=24.0.0');
    expect(majors(pkg.engines.node)).toEqual([20, 22, 24]);
    expect(readme).toContain('Node.js 24 (the current LTS line');
    expect(readme).toContain('Node.js 22.12+ or 20.19+');
  });

  it('runs this test on a version the engines range allows', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const allowed = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 24;
    expect(allowed, process.versions.node).toBe(true);
  });
});
