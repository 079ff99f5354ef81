import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Env, loadConfig } from '../../../src/config/config.js';
import { selectModules } from '../../../src/modules.js';
import { AgentsPlaygroundModule } from '../../../src/platforms/playground/agents-playground.module.js';
import { PlaygroundModule } from '../../../src/platforms/playground/playground.module.js';
import { DEMO_STAFF, PLAYGROUND_GROUP_ID } from '../../../src/platforms/playground/playground.people.js';
import { configProblem } from '../../support/config-problem.js';

const APP_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function platforms(env: Env) {
  return selectModules(env, loadConfig(env)).filter(
    (module) => module.name !== 'scheduler' && module.name !== 'dossier',
  );
}

const problem = (env: Env) => configProblem(() => platforms(env), { oneLine: true });

describe('TEAMS_DEV_SIMULATOR (Teams mode without sign-in, for Microsoft 365 Agents Playground)', () => {
  it('selects the real Teams module instead of the playground page, only when asked', () => {
    const modules = platforms({ TEAMS_DEV_SIMULATOR: '1' });
    expect(modules).toHaveLength(1);
    expect(modules[0]).toBeInstanceOf(AgentsPlaygroundModule);
    expect(platforms({ TEAMS_DEV_SIMULATOR: '1', HOST: 'localhost' })[0]).toBeInstanceOf(
      AgentsPlaygroundModule,
    );
    expect(platforms({})[0]).toBeInstanceOf(PlaygroundModule);
    expect(platforms({ TEAMS_DEV_SIMULATOR: '0' })[0]).toBeInstanceOf(PlaygroundModule);
  });

  it('is refused on a reachable address, next to a real app id, and for an unclear value', () => {
    expect(problem({ TEAMS_DEV_SIMULATOR: '1', HOST: '0.0.0.0' })).toMatch(
      /^Configuration error: TEAMS_DEV_SIMULATOR needs HOST=127\.0\.0\.1.*"0\.0\.0\.0"/,
    );
    expect(
      problem({ TEAMS_DEV_SIMULATOR: '1', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' }),
    ).toMatch(/^Configuration error: TEAMS_DEV_SIMULATOR must be 0 or empty while MicrosoftAppId/);
    expect(problem({ TEAMS_DEV_SIMULATOR: '1', MicrosoftAppPassword: 'secret' })).toMatch(
      /TEAMS_DEV_SIMULATOR must be 0 or empty/,
    );
    expect(problem({ TEAMS_DEV_SIMULATOR: 'yes' })).toMatch(
      /^Configuration error: TEAMS_DEV_SIMULATOR must be one of 0, 1 \(got "yes"\)/,
    );
  });
});

interface SimulatorUser {
  id: string;
  name: string;
  aadObjectId: string;
}

describe('.m365agentsplayground.yml', () => {
  const config = parse(readFileSync(new URL('../../../.m365agentsplayground.yml', import.meta.url), 'utf8'));

  it("has the playground's four staff, with the mentor as the one using the simulator", () => {
    const people: SimulatorUser[] = [config.currentUser, ...config.users];
    for (const person of DEMO_STAFF) {
      expect(people).toContainEqual(
        expect.objectContaining({ aadObjectId: person.aad, name: `${person.name} (${person.role})` }),
      );
    }
    expect(config.currentUser.aadObjectId).toBe('demo-mentor');
    // The simulator's schema (version 0.1.1) takes exactly five users besides the current one.
    expect(config.users).toHaveLength(5);
    expect(new Set(people.map((person) => person.id)).size).toBe(people.length);
  });

  it('uses the team the Graph stand-in knows, since the simulator has no Graph', () => {
    expect(config.version).toBe('0.1.1');
    expect(config.team.name).toBe('Zorgteam');
    expect(config.team.aadGroupId).toBe(PLAYGROUND_GROUP_ID);
    expect(config.team.channels.length).toBeLessThanOrEqual(1);
  });
});
