import { localized, type MessageKey, t } from '../i18n/catalogue.js';
import type { Incident, IncidentStatus } from '../incidents/incident.types.js';
import { aftercarePhaseKey, isOverdue, isPhaseWorkable, stageOfPhase } from '../incidents/lifecycle.rules.js';
import { findStep } from '../playbook/playbook.registry.js';
import type { Locale } from '../playbook/playbook.types.js';
import { formatInstant, formatIsoDate, shorten } from '../text/format.js';
import { readableAddress, telUrl } from '../text/web-address.js';
import { isoDateIn } from '../time/zoned.js';
import { ACTIONS, type ActionKind, type ActionSpec } from './action.table.js';
import type { Card, CardBlock, ProgressRow } from './card.types.js';
import { type CardContext, nameResolver, OVERVIEW_CARD_KEY } from './card-context.js';
import { nextAftercareFromForms } from './next-aftercare.js';

const UNCLAIMED_SHOWN = 8;

const STATUS_KEY: Record<IncidentStatus, MessageKey> = {
  opening: 'overview.statusOpening',
  open: 'overview.statusOpen',
  closed: 'overview.statusClosed',
  finished: 'overview.statusFinished',
};

/** The pinned overview: who leads, how far each phase is, what nobody holds yet, where to get help. */
export function buildOverviewCard(ctx: CardContext): Card {
  const { view, playbook, locale, timeZone } = ctx;
  const { incident } = view;
  const nameOf = nameResolver(view.members);
  const title = t(locale, 'overview.title', { number: incident.number, title: incident.title });

  const rows: ProgressRow[] = playbook.phases.map((phase) => {
    const steps = view.steps.filter((step) => step.phaseKey === phase.key);
    const done = steps.filter((step) => step.status === 'done').length;
    const notApplicable = steps.filter((step) => step.status === 'not_applicable').length;
    const claimed = steps.filter((step) => step.status === 'claimed').length;
    return {
      label: localized(phase.title, locale),
      done,
      notApplicable,
      claimed,
      open: steps.length - done - notApplicable - claimed,
      total: steps.length,
    };
  });

  // Steps that can still change: after closing only evaluation and aftercare, after finishing none.
  const aftercare = aftercarePhaseKey(playbook);
  const workable = view.steps.filter((step) =>
    isPhaseWorkable(incident, stageOfPhase(step.phaseKey, aftercare)),
  );
  const titleOf = (key: string) => {
    const definition = findStep(playbook, key);
    return definition ? localized(definition.step.title, locale) : key;
  };
  const unclaimed = workable.filter((step) => step.status === 'open').map((step) => titleOf(step.key));
  const overdue = workable
    .filter((step) => isOverdue(step, ctx.now))
    .map((step) =>
      t(locale, 'overview.overdueItem', {
        step: titleOf(step.key),
        date: formatInstant(step.dueAt as Date, locale, timeZone),
      }),
    );
  const unclaimedItems =
    unclaimed.length > UNCLAIMED_SHOWN
      ? [
          ...unclaimed.slice(0, UNCLAIMED_SHOWN),
          t(locale, 'overview.unclaimedMore', { count: unclaimed.length - UNCLAIMED_SHOWN }),
        ]
      : unclaimed;

  const next =
    ctx.nextAftercareAt !== undefined
      ? ctx.nextAftercareAt && formatInstant(ctx.nextAftercareAt, locale, timeZone)
      : mapDate(nextAftercareFromForms(view, isoDateIn(ctx.now, timeZone)), locale);

  const blocks: CardBlock[] = [
    { type: 'header', text: shorten(title, 150) },
    { type: 'text', text: t(locale, 'overview.headline'), strong: true },
    { type: 'text', text: t(locale, 'overview.warning'), tone: 'warning', strong: true },
    { type: 'text', text: privacyLine(ctx), tone: 'muted' },
    {
      type: 'facts',
      facts: [
        { label: t(locale, 'overview.lead'), value: nameOf(incident.leadId) },
        { label: t(locale, 'overview.kind'), value: t(locale, `kind.${incident.kind}`) },
        { label: t(locale, 'overview.status'), value: t(locale, STATUS_KEY[incident.status]) },
        {
          label: t(locale, 'overview.nextAftercare'),
          value: next || t(locale, 'overview.nextAftercareNone'),
        },
      ],
    },
    ...overviewMenu(incident, locale),
    { type: 'progress', title: t(locale, 'overview.progress'), rows },
    ...(overdue.length > 0
      ? [{ type: 'list', title: t(locale, 'overview.overdue'), items: overdue } satisfies CardBlock]
      : []),
    ...(incident.status === 'finished'
      ? []
      : [
          unclaimed.length > 0
            ? ({ type: 'list', title: t(locale, 'overview.unclaimed'), items: unclaimedItems } as const)
            : ({ type: 'text', text: t(locale, 'overview.unclaimedNone'), tone: 'good' } as const),
        ]),
    ...(ctx.notices ?? []).map((text): CardBlock => ({ type: 'text', text, tone: 'attention' })),
    {
      type: 'links',
      title: t(locale, 'overview.contacts'),
      // The address itself is the link's text (stappenplansexting.nl), the name stands before it.
      links: playbook.contacts.map((contact) => ({
        lead: localized(contact.name, locale),
        label: contact.url ? readableAddress(contact.url) : (contact.phone ?? ''),
        url: contact.url ?? (contact.phone ? (telUrl(contact.phone) ?? '') : ''),
        detail: [
          contact.url ? contact.phone : undefined,
          contact.description ? localized(contact.description, locale) : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
      })),
    },
    {
      type: 'text',
      text: `${t(locale, 'overview.goal')}: ${localized(playbook.goal, locale)}`,
      tone: 'muted',
    },
  ];
  return { key: OVERVIEW_CARD_KEY, incidentId: incident.id, fallback: title, blocks };
}

/** What the team does with the incident as a whole, beside the steps. */
const MENU_ACTIONS = [
  'editFacts',
  'addMember',
  'removeMember',
  'transferLead',
  'dossier',
] as const satisfies readonly ActionKind[];

/**
 * After closing, "Afronden" (lead only, checked by the service) is added. Once finished, only the
 * dossier and "Heropenen" (lead only) are left.
 */
function overviewMenu(incident: Incident, locale: Locale): CardBlock[] {
  if (incident.purgedAt) return [];
  const kinds: ActionKind[] =
    incident.status === 'finished'
      ? ['dossier', 'reopenIncident']
      : [...MENU_ACTIONS, ...(incident.status === 'closed' ? (['finish'] as const) : [])];
  return [
    {
      type: 'menu',
      label: t(locale, 'overview.menu'),
      actions: kinds.map((kind) => {
        const spec: ActionSpec = ACTIONS[kind];
        return {
          label: t(locale, spec.label),
          payload: { incidentId: incident.id, kind },
          ...(spec.input ? { input: spec.input } : {}),
          ...(kind === 'editFacts' ? { values: { ...incident.facts } } : {}),
        };
      }),
    },
  ];
}

/** Who sees the space, that pupil names stay out, and how long it is kept (when the school's setting is known). */
function privacyLine(ctx: CardContext): string {
  return ctx.retentionMonths
    ? t(ctx.locale, 'overview.privacyRetention', { months: ctx.retentionMonths })
    : t(ctx.locale, 'overview.privacy');
}

function mapDate(isoDate: string | null, locale: Locale): string | null {
  return isoDate ? formatIsoDate(isoDate, locale) : null;
}
