import type { CardBlock } from '../cards/card.types.js';
import type { CardContext } from '../cards/card-context.js';
import { nameResolver } from '../cards/card-context.js';
import { localized, t } from '../i18n/catalogue.js';
import type { Step } from '../incidents/incident.types.js';
import { aftercarePhaseKey, isOverdue, isPhaseWorkable, stageOfPhase } from '../incidents/lifecycle.rules.js';
import { formatInstant } from '../text/format.js';

/** What a list of incidents shows of one incident; `member` decides whether content may show. */
export interface SummaryOptions {
  /** The viewer is a member: the title and a link into the space may show. */
  member: boolean;
  /** A deep link into the space (Teams), when the viewer may open it. */
  url: string | null;
}

function isOpenStep(step: Step): boolean {
  return step.status === 'open' || step.status === 'claimed';
}

/**
 * One incident as a list shows it: number, kind and lead; progress and the phase it is in;
 * overdue steps; the next aftercare moment; for members the title and a link. Never a note or a
 * form answer.
 */
export function summaryBlocks(ctx: CardContext, options: SummaryOptions): CardBlock[] {
  const { view, playbook, locale, timeZone, now } = ctx;
  const { incident, steps } = view;
  const nameOf = nameResolver(view.members);
  const finished = steps.filter((step) => step.status === 'done' || step.status === 'not_applicable').length;
  const busy = steps.filter((step) => step.status === 'claimed').length;
  // After closing only evaluation and aftercare go on: the phase and what is overdue come from those.
  const aftercare = aftercarePhaseKey(playbook);
  const workable = steps.filter((step) => isPhaseWorkable(incident, stageOfPhase(step.phaseKey, aftercare)));
  const overdue = workable.filter((step) => isOverdue(step, now)).length;
  const phaseIndex = playbook.phases.findIndex((phase) =>
    workable.some((step) => step.phaseKey === phase.key && isOpenStep(step)),
  );
  const head = t(locale, 'summary.head', {
    number: incident.number,
    kind: t(locale, `kind.${incident.kind}`),
    lead: nameOf(incident.leadId),
    status: t(locale, `summary.status.${incident.status}`),
  });
  const progress = t(locale, 'summary.progress', { done: finished, total: steps.length, busy });
  const phase =
    phaseIndex >= 0
      ? t(locale, 'summary.phase', {
          index: phaseIndex + 1,
          count: playbook.phases.length,
          phase: localized(playbook.phases[phaseIndex]?.title ?? { nl: '' }, locale),
        })
      : t(locale, 'summary.allDone');
  const next = ctx.nextAftercareAt
    ? t(locale, 'summary.nextAftercare', { date: formatInstant(ctx.nextAftercareAt, locale, timeZone) })
    : t(locale, 'summary.noAftercare');
  const blocks: CardBlock[] = [
    { type: 'text', text: options.member ? `${head} — ${incident.title}` : head, strong: true },
    { type: 'text', text: `${progress} · ${phase} · ${next}` },
  ];
  if (overdue > 0)
    blocks.push({ type: 'text', text: t(locale, 'summary.overdue', { count: overdue }), tone: 'attention' });
  if (options.member && incident.spaceId) {
    blocks.push({
      type: 'spaceLink',
      text: t(locale, 'personal.linkIntro'),
      label: t(locale, 'opening.linkLabel', { number: incident.number }),
      spaceId: incident.spaceId,
      url: options.url,
    });
  }
  return blocks;
}
