import { localized, t } from '../../core/i18n/catalogue.js';
import { roleOf } from '../../core/incidents/incident.types.js';
import type { PlaybookContact } from '../../core/playbook/playbook.types.js';
import type { DossierDocument, DossierInput, DossierRow, DossierSection } from './dossier.types.js';
import { aftercareSection } from './dossier-aftercare.rules.js';
import { DOSSIER_LANG, type DossierContext, dossierContext } from './dossier-context.rules.js';
import { otherNotesSection, phaseSections } from './dossier-steps.rules.js';
import { timelineSection } from './dossier-timeline.rules.js';

/**
 * The incident's dossier as neutral content, in the workspace's language: header and facts, every
 * step per phase with its notes and form answers, the full timeline, the aftercare and the
 * contacts. Pure: the same input always gives the same document, whatever renders it.
 */
export function buildDossier(input: DossierInput): DossierDocument {
  const ctx = dossierContext(input);
  const sections: DossierSection[] = [incidentSection(ctx)];
  sections.push({
    key: 'steps',
    title: ctx.text('dossier.section.steps'),
    blocks: [],
    children: phaseSections(ctx),
  });
  const other = otherNotesSection(ctx);
  if (other) sections.push(other);
  sections.push(timelineSection(ctx), aftercareSection(ctx), contactsSection(ctx));
  return {
    locale: input.locale,
    lang: DOSSIER_LANG[input.locale],
    title: ctx.text('dossier.title', { number: input.incident.number }),
    confidentiality: ctx.text('dossier.confidential'),
    incidentNumber: input.incident.number,
    generatedAt: ctx.moment(input.generatedAt),
    generatedLine: ctx.text('dossier.generatedOn', { generated: ctx.moment(input.generatedAt) }),
    sections,
  };
}

/** The footer line of one page: confidential, incident number, page x of y, generation time. */
export function dossierFooter(document: DossierDocument, page: number, pages: number): string {
  return t(document.locale, 'dossier.footer', {
    number: document.incidentNumber,
    page,
    pages,
    generated: document.generatedAt,
  });
}

function incidentSection(ctx: DossierContext): DossierSection {
  const { incident, workspace, playbook, steps } = ctx.input;
  const facts = incident.facts;
  const rows: DossierRow[] = [{ label: ctx.text('dossier.fact.number'), value: incident.number }];
  if (workspace.schoolName)
    rows.push({ label: ctx.text('dossier.fact.school'), value: workspace.schoolName });
  rows.push(
    { label: ctx.text('dossier.fact.title'), value: incident.title },
    { label: ctx.text('dossier.fact.kind'), value: ctx.text(`kind.${incident.kind}`) },
    { label: ctx.text('field.madeVoluntarily'), value: ctx.text(`yesNo.${facts.madeVoluntarily}`) },
    { label: ctx.text('field.perpetratorKnown'), value: ctx.text(`yesNo.${facts.perpetratorKnown}`) },
    {
      label: ctx.text('field.perpetratorAtOtherSchool'),
      value: ctx.text(`yesNo.${facts.perpetratorAtOtherSchool}`),
    },
    { label: ctx.text('field.spread'), value: ctx.text(`spread.${facts.spread}`) },
    { label: ctx.text('dossier.fact.status'), value: statusText(ctx) },
    { label: ctx.text('dossier.fact.opened'), value: ctx.moment(incident.createdAt) },
    { label: ctx.text('dossier.fact.openedBy'), value: ctx.nameOf(incident.openedBy) },
  );
  if (incident.closedAt)
    rows.push({ label: ctx.text('dossier.fact.closed'), value: ctx.moment(incident.closedAt) });
  if (incident.finishedAt)
    rows.push({ label: ctx.text('dossier.fact.finished'), value: ctx.moment(incident.finishedAt) });
  if (incident.purgedAt)
    rows.push({ label: ctx.text('dossier.fact.purged'), value: ctx.moment(incident.purgedAt) });
  const count = (status: string) => steps.filter((step) => step.status === status).length;
  rows.push(
    { label: ctx.text('dossier.fact.lead'), value: ctx.nameOf(incident.leadId) },
    {
      label: ctx.text('dossier.fact.playbook'),
      value: ctx.text('dossier.fact.playbookVersion', {
        name: localized(playbook.name, ctx.locale),
        version: incident.playbookVersion,
      }),
    },
    {
      label: ctx.text('dossier.fact.progress'),
      value: ctx.text('dossier.fact.progressLine', {
        total: steps.length,
        done: count('done'),
        na: count('not_applicable'),
        claimed: count('claimed'),
        open: count('open'),
      }),
    },
  );
  return {
    key: 'incident',
    title: ctx.text('dossier.section.incident'),
    blocks: [
      { kind: 'paragraph', text: ctx.text('dossier.confidential'), tone: 'warning' },
      { kind: 'keyValue', rows },
    ],
    children: [membersSection(ctx)],
  };
}

function statusText(ctx: DossierContext): string {
  const status = ctx.input.incident.status;
  if (status === 'closed') return ctx.text('overview.statusClosed');
  if (status === 'finished') return ctx.text('overview.statusFinished');
  return ctx.text(status === 'opening' ? 'overview.statusOpening' : 'overview.statusOpen');
}

/** The lead first, then the others in the order they joined. */
function membersSection(ctx: DossierContext): DossierSection {
  const { incident, members } = ctx.input;
  const ordered = [...members].sort(
    (a, b) =>
      Number(b.userId === incident.leadId) - Number(a.userId === incident.leadId) ||
      a.addedAt.getTime() - b.addedAt.getTime(),
  );
  return {
    key: 'members',
    title: ctx.text('dossier.section.members'),
    blocks: [
      {
        kind: 'keyValue',
        rows: ordered.map((member) => ({
          label: ctx.nameOf(member.userId),
          value: ctx.text('dossier.member.since', {
            role: ctx.text(`role.${roleOf(incident, member.userId)}`),
            date: ctx.moment(member.addedAt),
          }),
        })),
      },
    ],
    children: [],
  };
}

function contactsSection(ctx: DossierContext): DossierSection {
  const { playbook } = ctx.input;
  const important = playbook.important;
  const line = [important.title, important.intro, important.slogan, important.closing]
    .map((text) => localized(text, ctx.locale))
    .join(' ');
  return {
    key: 'contacts',
    title: ctx.text('dossier.section.contacts'),
    blocks: [
      { kind: 'list', items: playbook.contacts.map((contact) => contactLine(contact, ctx)) },
      { kind: 'paragraph', text: line, tone: 'warning' },
      { kind: 'paragraph', text: ctx.text('overview.warning') },
    ],
    children: [],
  };
}

function contactLine(contact: PlaybookContact, ctx: DossierContext): string {
  const parts = [localized(contact.name, ctx.locale)];
  if (contact.description) parts.push(localized(contact.description, ctx.locale));
  if (contact.phone) parts.push(ctx.text('dossier.contact.phone', { phone: contact.phone }));
  if (contact.url) parts.push(contact.url);
  return parts.join(' — ');
}
