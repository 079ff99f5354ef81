import { localized, t } from '../i18n/catalogue.js';
import type { Step } from '../incidents/incident.types.js';
import { aftercarePhaseKey, isPhaseWorkable, stageOfPhase } from '../incidents/lifecycle.rules.js';
import { findStep } from '../playbook/playbook.registry.js';
import type { Playbook, PlaybookStep } from '../playbook/playbook.types.js';
import { telUrl } from '../text/web-address.js';
import type { Card, CardBlock } from './card.types.js';
import { type CardContext, NOW_CARD_KEY } from './card-context.js';
import { stepBlock } from './phase.card.js';

/** The poster's step for getting images offline (Meldknop); urgent once the images are public online. */
export const TAKE_OFFLINE_STEP = 'take-offline';

/**
 * The steps the "Nu eerst" card shows: the playbook's first phase (the poster's "Direct"), and
 * the step for getting images offline when they are public online.
 */
export function nowSteps(ctx: Pick<CardContext, 'view' | 'playbook'>): PlaybookStep[] {
  const first = ctx.playbook.phases[0]?.steps ?? [];
  const offline =
    ctx.view.incident.facts.spread === 'public_online' ? findStep(ctx.playbook, TAKE_OFFLINE_STEP) : null;
  return offline && !first.some((step) => step.key === TAKE_OFFLINE_STEP) ? [...first, offline.step] : first;
}

/** The phases whose changes the "Nu eerst" card shows, so a redraw of one redraws it too. */
export function nowPhaseKeys(ctx: Pick<CardContext, 'view' | 'playbook'>): string[] {
  const keys = new Set(nowSteps(ctx).map((step) => findStep(ctx.playbook, step.key)?.phase.key));
  return [...keys].filter((key): key is string => key !== undefined);
}

/**
 * The card pinned first: what to do in the first minutes. The Direct steps with their buttons,
 * the warning about images, a phone number to tap; one line once every step on it is dealt with.
 */
export function buildNowCard(ctx: CardContext): Card {
  const { view, playbook, locale } = ctx;
  const { incident } = view;
  const title = t(locale, 'now.title', { number: incident.number });
  const pairs = nowSteps(ctx)
    .map((definition) => ({ definition, step: view.steps.find((s) => s.key === definition.key) }))
    .filter((pair): pair is { definition: PlaybookStep; step: Step } => pair.step !== undefined);
  const aftercare = aftercarePhaseKey(playbook);
  const pending = pairs.some(
    ({ step }) =>
      (step.status === 'open' || step.status === 'claimed') &&
      isPhaseWorkable(incident, stageOfPhase(step.phaseKey, aftercare)),
  );
  if (!pending) {
    return {
      key: NOW_CARD_KEY,
      incidentId: incident.id,
      fallback: title,
      blocks: [{ type: 'text', text: t(locale, 'now.allDone', { number: incident.number }), tone: 'good' }],
    };
  }
  const offline = pairs.some(({ definition }) => definition.key === TAKE_OFFLINE_STEP);
  const blocks: CardBlock[] = [
    { type: 'header', text: title },
    { type: 'text', text: t(locale, 'now.imagery'), tone: 'warning', strong: true },
    ...(offline
      ? [{ type: 'text', text: t(locale, 'now.publicOnline'), tone: 'attention' } satisfies CardBlock]
      : []),
    ...pairs.map(({ definition, step }) => stepBlock(ctx, definition, step)),
    ...helpLinks(playbook, locale),
  ];
  return { key: NOW_CARD_KEY, incidentId: incident.id, fallback: title, blocks };
}

/** The contacts with a phone number, as a number to tap. */
function helpLinks(playbook: Playbook, locale: CardContext['locale']): CardBlock[] {
  const links = playbook.contacts.flatMap((contact) => {
    const url = contact.phone ? telUrl(contact.phone) : null;
    return url && contact.phone ? [{ lead: localized(contact.name, locale), label: contact.phone, url }] : [];
  });
  return links.length > 0 ? [{ type: 'links', title: t(locale, 'now.call'), links }] : [];
}
