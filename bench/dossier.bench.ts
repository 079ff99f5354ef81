/**
 * Dossier benchmark: builds the dossier of a large incident as the bot does on request, in
 * memory, and prints how long it takes and how much memory it needs.
 *
 *   npm run bench:dossier                 # 20 runs
 *   BENCH_RUNS=50 npm run bench:dossier
 *
 * The incident: the 31 steps of the built-in playbook, 60 notes, 10 filled forms (the playbook's
 * 7 form steps plus 3 more) and 400 timeline lines. Prints p50 and p95 of the model + PDF and of
 * the model + Markdown, the page count, and the peak resident memory above the idle process:
 * idle RSS is measured after loading and one warm-up run; the peak is the kernel's high-water
 * mark of the process (`maxRSS`, which also catches peaks inside synchronous layout work that a
 * timer cannot), besides a 5 ms timer sample. Targets: under 1 s, under 100 MB above idle.
 */
import type { AuditEvent, FormAnswer, Note } from '../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../src/core/playbook/builtin/index.js';
import type { Playbook } from '../src/core/playbook/playbook.types.js';
import { renderDossierMarkdown } from '../src/features/dossier/dossier.markdown.js';
import { renderDossierPdf } from '../src/features/dossier/dossier.pdf.js';
import { buildDossier } from '../src/features/dossier/dossier.rules.js';
import type { DossierInput } from '../src/features/dossier/dossier.types.js';
import {
  ELS,
  FRANCOIS,
  JAN,
  workedIncident,
  ZOE,
} from '../tests/features/dossier/worked-incident.fixture.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const NOTES = 60;
const FORMS = 10;
const TIMELINE = 400;
const PEOPLE = [ZOE, JAN, ELS, FRANCOIS];
const MB = 1024 * 1024;

/** The built-in playbook with three more steps that ask for a form, for 10 filled forms. */
function playbookWithTenForms(): Playbook {
  const playbook = structuredClone(DEFAULT_PLAYBOOK);
  const extra: Array<[string, NonNullable<Playbook['phases'][number]['steps'][number]['form']>]> = [
    ['scope-impact', 'action_list'],
    ['talk-victim-parents', 'communication_statement'],
    ['support-teachers', 'evaluation'],
  ];
  for (const [key, form] of extra) {
    const step = playbook.phases.flatMap((phase) => phase.steps).find((candidate) => candidate.key === key);
    if (step) step.form = form;
  }
  return playbook;
}

function sentence(index: number): string {
  return `Gesprek ${index + 1} gevoerd met de betrokkenen; afspraken zijn vastgelegd en de mentor houdt contact met de ouders. Volgende stap: terugkoppeling in het zorgoverleg, zonder namen van leerlingen.`;
}

function largeIncident(): DossierInput {
  const input = workedIncident({ playbook: playbookWithTenForms() });
  const steps = input.steps.map((step) => step.key);
  const start = input.incident.createdAt.getTime();
  const at = (minutes: number) => new Date(start + minutes * 60_000);
  const notes: Note[] = [...input.notes];
  const audit: AuditEvent[] = [...input.audit];
  const base = audit[0]!;
  for (let index = notes.length; index < NOTES; index += 1) {
    const stepKey = steps[index % steps.length] ?? null;
    const authorId = PEOPLE[index % PEOPLE.length]!;
    notes.push({
      id: `bench-note-${index}`,
      incidentId: input.incident.id,
      stepKey,
      authorId,
      text: sentence(index),
      createdAt: at(20_000 + index),
    });
    audit.push({
      ...base,
      actorId: authorId,
      action: 'note.added',
      details: { step: stepKey },
      at: at(20_000 + index),
    });
  }
  const forms: FormAnswer[] = [...input.forms];
  const template = (kind: FormAnswer['kind']) => input.forms.find((form) => form.kind === kind)!;
  for (const [stepKey, kind] of [
    ['scope-impact', 'action_list'],
    ['talk-victim-parents', 'communication_statement'],
    ['support-teachers', 'evaluation'],
  ] as const) {
    forms.push({ ...template(kind), stepKey, updatedAt: at(21_000) });
    audit.push({
      ...base,
      actorId: ZOE,
      action: 'form.saved',
      details: { step: stepKey, kind },
      at: at(21_000),
    });
  }
  // Claims and releases until the timeline has its 400 lines.
  for (let index = 0; audit.length < TIMELINE; index += 1) {
    const step = steps[index % steps.length]!;
    const actorId = PEOPLE[index % PEOPLE.length]!;
    const action = index % 2 === 0 ? 'step.claimed' : 'step.released';
    audit.push({ ...base, actorId, action, details: { step }, at: at(22_000 + index) });
  }
  audit.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { ...input, notes, forms, audit };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ??
  0;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function main(): Promise<void> {
  const input = largeIncident();
  if (input.forms.length !== FORMS || input.notes.length !== NOTES || input.audit.length !== TIMELINE) {
    throw new Error(
      `bench incident is off: ${input.forms.length} forms, ${input.notes.length} notes, ${input.audit.length} lines`,
    );
  }
  // Warm-up: loads the font and compiles the code paths once, as a running bot has.
  const warm = await renderDossierPdf(buildDossier(input));
  renderDossierMarkdown(buildDossier(input));
  global.gc?.();
  const idle = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let sampled = idle;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 5);

  const pdfTimes: number[] = [];
  const markdownTimes: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const t0 = performance.now();
    const pdf = await renderDossierPdf(buildDossier(input));
    const t1 = performance.now();
    const markdown = renderDossierMarkdown(buildDossier(input));
    const t2 = performance.now();
    pdfTimes.push(t1 - t0);
    markdownTimes.push(t2 - t1);
    pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
    bytes = pdf.length;
    if (markdown.length === 0) throw new Error('empty Markdown');
    sampled = Math.max(sampled, process.memoryUsage().rss);
    await new Promise((resolve) => setImmediate(resolve));
  }
  clearInterval(timer);
  const peak = Math.max(process.resourceUsage().maxRSS * 1024, sampled);

  console.log(
    `Dossier of an incident with 31 steps, ${NOTES} notes, ${FORMS} forms, ${TIMELINE} timeline lines; ${RUNS} runs`,
  );
  console.log(
    `  PDF      (model + PDF):      p50 ${fmt(percentile(pdfTimes, 50))}, p95 ${fmt(percentile(pdfTimes, 95))}; ${pages} A4 pages, ${(bytes / 1024).toFixed(0)} KiB (warm-up ${(warm.length / 1024).toFixed(0)} KiB)`,
  );
  console.log(
    `  Markdown (model + Markdown): p50 ${fmt(percentile(markdownTimes, 50))}, p95 ${fmt(percentile(markdownTimes, 95))}`,
  );
  console.log(
    `  Memory: idle RSS ${(idle / MB).toFixed(0)} MB; peak ${(peak / MB).toFixed(0)} MB = ${((peak - idle) / MB).toFixed(0)} MB above idle (timer samples: ${((sampled - idle) / MB).toFixed(0)} MB; high-water mark before the runs ${(maxBefore / MB).toFixed(0)} MB)`,
  );
  const slow = percentile(pdfTimes, 50) >= 1000;
  const heavy = peak - idle >= 100 * MB;
  console.log(
    `  Targets: under 1 s ${slow ? 'MISSED' : 'met'}; under 100 MB above idle ${heavy ? 'MISSED' : 'met'}`,
  );
}

await main();
