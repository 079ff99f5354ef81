/**
 * Figures for the Teams path, each with a baseline measured in the same run:
 * - rendering every card of an incident as an Adaptive Card, against JSON.stringify of the
 *   neutral cards (what any platform must do at least);
 * - the answer to a click through POST /api/messages (botbuilder, the Teams handlers, the card
 *   for the clicker), against the same click straight into the core's InteractionService.
 * Run: npm run bench:teams. Prints figures; asserts nothing.
 */
import { Writable } from 'node:stream';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import type { ActionPayload } from '../src/core/cards/action-payload.js';
import { buildIncidentCards } from '../src/core/cards/incident-cards.js';
import { createLogger } from '../src/logging/logger.js';
import { PlaygroundModule } from '../src/platforms/playground/playground.module.js';
import { PLAYGROUND_TEAM_ID, PLAYGROUND_TENANT } from '../src/platforms/playground/playground.people.js';
import { toAdaptiveCard } from '../src/platforms/teams/cards/adaptive-card.renderer.js';
import { renderContextFor } from '../src/platforms/teams/cards/render-context.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

const ms = (n: number) => `${n.toFixed(3)} ms`;

async function main() {
  const quiet = new Writable({ write: (_c, _e, done) => done() });
  const playground = new PlaygroundModule();
  const app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://' }), {
    logger: createLogger('warn', quiet),
    modules: [playground],
  });
  const { context } = app;
  const serviceUrl = `${app.url}/playground/connector/`;
  const post = async (activity: Record<string, unknown>) => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  };
  let counter = 0;
  const channelActivity = (channel: string, replyToId: string, extra: Record<string, unknown>) => ({
    id: `bench-${++counter}`,
    channelId: 'msteams',
    serviceUrl,
    locale: 'nl-NL',
    from: { id: '29:demo-mentor', name: 'Mila Jansen (mentor)', aadObjectId: 'demo-mentor' },
    recipient: { id: 'stappenplan', name: 'Stappenplan' },
    replyToId,
    conversation: {
      id: `${channel};messageid=${replyToId}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: PLAYGROUND_TENANT,
    },
    channelData: {
      team: { id: PLAYGROUND_TEAM_ID },
      channel: { id: channel },
      tenant: { id: PLAYGROUND_TENANT },
    },
    ...extra,
  });
  const invoke = (channel: string, replyToId: string, verb: string, data: Record<string, unknown>) =>
    post(
      channelActivity(channel, replyToId, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    );

  // Open one incident through the same protocol the page uses.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const workspace = await context.store.workspaces.ensure('playground', PLAYGROUND_TEAM_ID, {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
  await invoke(PLAYGROUND_TEAM_ID, 'bench-form', 'stappenplan.open', {
    k: 'o',
    u: 'demo-mentor',
    'o:title': 'Benchmark',
    'o:kind': 'nude_photo',
    'o:invited': 'demo-zorg',
  });
  let incidentId = '';
  for (let i = 0; i < 200 && !incidentId; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const list = await context.incidents.listForMember(workspace.id, 'demo-mentor');
    const found = list.find((incident) => incident.status === 'open');
    if (found) incidentId = found.id;
  }
  if (!incidentId) throw new Error('the incident did not open');
  const incident = (await context.store.incidents.get(incidentId))!;
  const cards = await context.store.cards.list(incidentId);
  const phase = cards.find((card) => card.cardKey === 'phase:direct')!;
  const channel = incident.spaceId!;

  // 1. Rendering.
  const view = await context.incidents.view(incidentId);
  const playbook = context.playbooks.get(incident.playbookKey, incident.playbookVersion);
  const ctx = await context.spaces.cardContext(view, workspace);
  const neutral = buildIncidentCards(ctx);
  const renderContext = renderContextFor(view, playbook, 'nl');
  const time = (fn: () => void, rounds: number) => {
    const started = performance.now();
    for (let i = 0; i < rounds; i += 1) fn();
    return (performance.now() - started) / rounds;
  };
  const baselineRender = time(() => {
    for (const card of neutral) JSON.stringify(card);
  }, 300);
  const adaptiveRender = time(() => {
    for (const card of neutral) JSON.stringify(toAdaptiveCard(card, renderContext));
  }, 300);

  // 2. A click: claim and release the same step, alternately, through both paths.
  const payload = (kind: 'claim' | 'release'): ActionPayload => ({
    incidentId,
    kind,
    stepKey: 'attention-victim',
  });
  const actor = { userId: 'demo-mentor', displayName: 'Mila Jansen (mentor)' };
  const direct: number[] = [];
  const followUps: Promise<void>[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    const result = await context.interactions.handle({
      workspace,
      actor,
      payload: payload(i % 2 === 0 ? 'claim' : 'release'),
      spaceId: channel,
    });
    direct.push(performance.now() - started);
    followUps.push(result.followUp);
    if (!result.ok) throw new Error(result.message);
  }
  await Promise.all(followUps);
  const protocol: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    const answer = await invoke(channel, phase.messageId, 'stappenplan.action', {
      p: JSON.stringify(payload(i % 2 === 0 ? 'claim' : 'release')),
    });
    protocol.push(performance.now() - started);
    if (answer?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error('no card in the answer');
  }
  await new Promise((resolve) => setTimeout(resolve, 500));

  const d = stats(direct);
  const p = stats(protocol);
  const lines = [
    `Teams path on the embedded database (${ROUNDS} clicks each, Node ${process.version})`,
    `render 9 cards: neutral JSON ${ms(baselineRender)}, Adaptive Cards ${ms(adaptiveRender)} (x${(adaptiveRender / baselineRender).toFixed(1)})`,
    `click answer, core only:        median ${ms(d.median)}, p95 ${ms(d.p95)}`,
    `click answer, /api/messages:    median ${ms(p.median)}, p95 ${ms(p.p95)} (x${(p.median / d.median).toFixed(1)} the core's median)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await app.close();
}

void main();
