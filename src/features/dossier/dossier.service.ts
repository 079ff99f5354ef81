import { nameResolver } from '../../core/cards/card-context.js';
import { DomainError, NotAMemberError } from '../../core/errors/domain-error.js';
import { t } from '../../core/i18n/catalogue.js';
import type { Actor } from '../../core/incidents/incident.access.js';
import { auditEvent } from '../../core/incidents/incident.access.js';
import type { Incident, Workspace } from '../../core/incidents/incident.types.js';
import type { PlaybookRegistry } from '../../core/playbook/playbook.registry.js';
import type { Locale } from '../../core/playbook/playbook.types.js';
import type { ChatGateway, HandoverResult, OutgoingFile } from '../../core/ports/chat-gateway.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Store } from '../../core/ports/store.js';
import { formatIsoDate } from '../../core/text/format.js';
import { isoDateIn } from '../../core/time/zoned.js';
import type { ReminderStore } from '../reminders/reminder.port.js';
import { renderDossierMarkdown } from './dossier.markdown.js';
import { renderDossierPdf } from './dossier.pdf.js';
import { buildDossier } from './dossier.rules.js';
import type { DossierInput } from './dossier.types.js';
import { schoolNameOf } from './dossier-context.rules.js';

export interface DossierDeps {
  store: Store;
  /** The incident's reminders, for the aftercare section; none when the reminders do not run. */
  reminders?: Pick<ReminderStore, 'listForIncident'>;
  playbooks: PlaybookRegistry;
  clock: Clock;
  gatewayFor: (workspace: Workspace) => ChatGateway;
}

export interface DossierRequest {
  workspace: Workspace;
  actor: Actor;
  incidentId: string;
  /** Where the request came from (the chat of the command or of the button), when known. */
  spaceId?: string | null;
  /** The asker's language, for the answer; the dossier itself is in the workspace's. */
  locale: Locale;
}

/** Every note of an incident: the dossier shows all of them, not only the newest. */
const ALL_NOTES = 100_000;

/**
 * "Dossier" (menu, command or the offer after closing): members only. The dossier is made in
 * memory, handed to the platform and forgotten; each request leaves a `dossier.generated` audit
 * entry with who asked. After the retention purge there is nothing left to put in it.
 */
export class DossierService {
  constructor(private readonly deps: DossierDeps) {}

  /** Makes and hands over the dossier; the answer for the asker. Refusals are DomainErrors. */
  async deliver(request: DossierRequest): Promise<string> {
    const { store } = this.deps;
    const { workspace, actor, locale } = request;
    const incident = await store.incidents.get(request.incidentId);
    if (!incident || incident.workspaceId !== workspace.id) throw new DomainError('IncidentNotFound');
    if (incident.purgedAt) refusePurged(incident, workspace, request);
    if (!(await store.members.get(incident.id, actor.userId))) throw new NotAMemberError(actor.userId);
    const spaceId = incident.spaceId;
    if (!spaceId) throw new DomainError('InvalidAction');
    const gateway = this.deps.gatewayFor(workspace);
    if (!gateway.handOverFiles) return t(locale, 'dossier.unsupported');

    const generatedAt = this.deps.clock.now();
    await store.audit.append(
      auditEvent(incident, actor.userId, 'dossier.generated', { requestedBy: actor.userId }, generatedAt),
    );
    const input = await this.input(incident, workspace, generatedAt);
    const files = await dossierFiles(input);
    const result = await gateway.handOverFiles({
      incidentId: incident.id,
      spaceId,
      requesterId: actor.userId,
      requesterName: nameResolver(input.members)(actor.userId),
      files,
      title: t(workspace.locale, 'dossier.fileTitle', { number: incident.number }),
      incidentNumber: incident.number,
      locale: workspace.locale,
    });
    return answerFor(result, incident.number, locale);
  }

  /** Everything the dossier is made from, read now. */
  private async input(incident: Incident, workspace: Workspace, generatedAt: Date): Promise<DossierInput> {
    const { store } = this.deps;
    const [members, steps, notes, forms, audit, reminders] = await Promise.all([
      store.members.list(incident.id),
      store.steps.list(incident.id),
      store.notes.list(incident.id, ALL_NOTES),
      store.forms.list(incident.id),
      store.audit.list(incident.id),
      this.deps.reminders?.listForIncident(incident.id) ?? Promise.resolve([]),
    ]);
    return {
      incident,
      workspace: {
        id: workspace.id,
        platform: workspace.platform,
        schoolName: schoolNameOf(workspace.settings),
      },
      members,
      steps,
      notes,
      forms,
      audit,
      reminders,
      playbook: this.deps.playbooks.get(incident.playbookKey, incident.playbookVersion),
      locale: workspace.locale,
      timeZone: workspace.timezone,
      generatedAt,
    };
  }
}

/**
 * The content is gone, and with it who the members were: the purge leaves the audit trail naming
 * nobody. Asked in the incident's own space, whose cards already say the content was removed, the
 * answer says why and since when; asked anywhere else, only that the asker is not a member, as a
 * stranger hears.
 */
function refusePurged(incident: Incident, workspace: Workspace, request: DossierRequest): never {
  if (!request.spaceId || request.spaceId !== incident.spaceId)
    throw new NotAMemberError(request.actor.userId);
  const date = formatIsoDate(isoDateIn(incident.purgedAt ?? new Date(0), workspace.timezone), request.locale);
  throw new DomainError('IncidentPurged', { incident: incident.number, date });
}

/** The PDF and the Markdown of the same dossier, named by the incident number only. */
export async function dossierFiles(input: DossierInput): Promise<OutgoingFile[]> {
  const document = buildDossier(input);
  const name = `dossier-${input.incident.number}`;
  return [
    { name: `${name}.pdf`, mimeType: 'application/pdf', bytes: await renderDossierPdf(document) },
    {
      name: `${name}.md`,
      mimeType: 'text/markdown',
      bytes: new TextEncoder().encode(renderDossierMarkdown(document)),
    },
  ];
}

function answerFor(result: HandoverResult, number: string, locale: Locale): string {
  switch (result.kind) {
    case 'posted':
      return t(locale, 'dossier.posted', { number });
    case 'offered':
      return t(locale, 'dossier.offered', { number });
    case 'link':
      return t(locale, 'dossier.link', { number, links: result.urls.join('\n') });
    case 'unreachable':
      return t(locale, 'dossier.unreachable');
    case 'refused':
      return result.text;
  }
}
