import type { Card } from '../cards/card.types.js';
import { OVERVIEW_CARD_KEY } from '../cards/card-context.js';
import { DomainError, InvalidInputError, isDomainError } from '../errors/domain-error.js';
import { FORM_SPECS, type FormSpec } from '../forms/form.specs.js';
import { errorMessage, localized, t } from '../i18n/catalogue.js';
import { type Actor, requireLead } from '../incidents/incident.access.js';
import type { OpenIncidentInput } from '../incidents/incident.opening.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { FormAnswer, Incident, IncidentView, Member, Workspace } from '../incidents/incident.types.js';
import { assertWorkable } from '../incidents/lifecycle.rules.js';
import type { OverviewService } from '../overview/overview.service.js';
import { findStep, type PlaybookRegistry } from '../playbook/playbook.registry.js';
import type { FormKind, IncidentFacts, Locale } from '../playbook/playbook.types.js';
import type { Clock } from '../ports/clock.js';
import { checkPupilNames } from '../privacy/privacy-check.js';
import type { SpaceService } from '../spaces/space.service.js';
import { prepareClose } from './close-question.js';
import type { FollowUpErrorReporter } from './interaction.types.js';

export interface CommandDeps {
  clock: Clock;
  incidents: IncidentService;
  spaces: SpaceService;
  /** Lists of incidents outside an incident's space. */
  overview?: OverviewService;
  playbooks: PlaybookRegistry;
  reportError: FollowUpErrorReporter;
  /** Told when a new incident's space and cards are ready (reminders schedule the first nudge). */
  afterOpen?: (incidentId: string) => Promise<void>;
  /** Suggestions for forms nobody filled in yet (the reminders' aftercare moments). */
  formDefaults?: FormDefaults;
}

export type OpenResult =
  | { ok: true; incident: Incident; changed: boolean; followUp: Promise<Incident | null> }
  | { ok: false; field: string | null; message: string; confirmable?: boolean };

/** In a space: its overview. Elsewhere: a list of the asker's incidents, or a sentence when there are none. */
export type StatusResult =
  | { kind: 'overview'; card: Card }
  | { kind: 'list'; card: Card }
  | { kind: 'none'; text: string };

export interface FormRequest {
  incidentId: string;
  stepKey: string;
  title: string;
  stepTitle: string;
  spec: FormSpec;
  values: FormAnswer['data'] | null;
  members: Member[];
}

/** Suggested answers for a form nobody has filled in yet, or null for an empty form. */
export type FormDefaults = (request: {
  view: IncidentView;
  stepKey: string;
  kind: FormKind;
  actor: Actor;
}) => Promise<FormAnswer['data'] | null>;

/**
 * Commands and dialogs around incidents that are not a button on a card: opening, status,
 * closing, the file-share warning, and what a form or assign dialog needs to show.
 */
export class CommandService {
  constructor(private readonly deps: CommandDeps) {}

  /**
   * Stores the new incident and starts making its space and cards. Bad input comes back with
   * the field's name so the platform can show it next to that field.
   */
  async open(
    workspace: Workspace,
    actor: Actor,
    input: OpenIncidentInput,
    requestId?: string,
    locale?: Locale,
    /** The platform's reference to the requester's confirmation, when it is known already. */
    noticeRef?: string,
  ) {
    const language = locale ?? workspace.locale;
    try {
      checkPupilNames([{ field: 'title', text: input.title }], input.privacyConfirmed === true);
      const result = await this.deps.incidents.open({
        ...input,
        workspaceId: workspace.id,
        actor,
        ...(requestId ? { requestId } : {}),
      });
      const incident = result.value;
      if (noticeRef) await this.deps.spaces.notices.attach(incident, noticeRef);
      const followUp = this.deps.spaces
        .finishOpening(incident.id)
        .then(async (opened) => {
          await this.deps.afterOpen?.(opened.id);
          return opened;
        })
        .catch((error: unknown) => {
          this.deps.reportError(error, { incidentId: incident.id, action: 'form' });
          return null;
        });
      return { ok: true, incident, changed: result.changed, followUp } satisfies OpenResult;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const field = error instanceof InvalidInputError ? error.field : null;
      const confirmable = error instanceof InvalidInputError && error.rule === 'pupilName';
      return {
        ok: false,
        field,
        message: errorMessage(error, language, { timeZone: workspace.timezone }),
        ...(confirmable ? { confirmable } : {}),
      } satisfies OpenResult;
    }
  }

  /**
   * The requester's confirmation was sent after the incident was stored (Slack): remember it and
   * bring it up to date.
   */
  async attachNotice(incident: Incident, noticeRef: string): Promise<void> {
    await this.deps.spaces.notices.attach(incident, noticeRef);
  }

  /** The confirmation of an incident's opening as it reads now (members only). */
  async openingNotice(incidentId: string, actor: Actor, locale: Locale): Promise<Card> {
    const { incident } = await this.deps.incidents.viewAsMember(incidentId, actor);
    return this.deps.spaces.notices.card(incident, locale);
  }

  /** In an incident space: its overview (members only). Elsewhere: the caller's open incidents. */
  async status(
    workspace: Workspace,
    actor: Actor,
    spaceId: string | null,
    locale?: Locale,
  ): Promise<StatusResult> {
    const language = locale ?? workspace.locale;
    const incident = spaceId ? await this.deps.incidents.findBySpace(workspace.id, spaceId) : undefined;
    if (incident) {
      await this.deps.incidents.viewAsMember(incident.id, actor);
      return { kind: 'overview', card: await this.deps.spaces.buildCard(incident.id, OVERVIEW_CARD_KEY) };
    }
    const card = await this.deps.overview?.mine(workspace, actor, language);
    return card ? { kind: 'list', card } : { kind: 'none', text: t(language, 'command.noIncidents') };
  }

  /** `incident overzicht`: every incident of the school, for its coordinators. */
  async schoolOverview(workspace: Workspace, actor: Actor, locale?: Locale): Promise<Card> {
    if (!this.deps.overview) throw new DomainError('NotCoordinator');
    return this.deps.overview.school(workspace, actor, locale ?? workspace.locale);
  }

  /**
   * Checks that the caller may close the incident of this space; returns what to confirm: the
   * question and exactly what happens to open steps and to planned aftercare moments.
   */
  prepareClose(workspace: Workspace, actor: Actor, spaceId: string | null, locale?: Locale) {
    return prepareClose(this.deps, workspace, actor, spaceId, locale ?? workspace.locale);
  }

  /**
   * Someone shared a file in an incident space. Records that (never the file) and returns the
   * warning to post in the space, or null when the space is not an incident's.
   */
  async fileShared(
    workspace: Workspace,
    spaceId: string,
    senderId: string,
    senderName: string,
  ): Promise<string | null> {
    const incident = await this.deps.incidents.findBySpace(workspace.id, spaceId);
    if (!incident) return null;
    await this.deps.incidents.recordFileShared(incident.id, senderId);
    await this.deps.spaces
      .timeline(incident.id, t(workspace.locale, 'timeline.fileShared'))
      .catch((error: unknown) => this.deps.reportError(error, { incidentId: incident.id, action: 'note' }));
    return t(workspace.locale, 'safety.fileShared', { sender: senderName });
  }

  /** What a step's form dialog shows: its fields, the stored answer and the members to pick from. */
  async formRequest(incidentId: string, stepKey: string, actor: Actor, locale: Locale): Promise<FormRequest> {
    const view = await this.deps.incidents.viewAsMember(incidentId, actor);
    const playbook = this.deps.playbooks.get(view.incident.playbookKey, view.incident.playbookVersion);
    const definition = findStep(playbook, stepKey);
    const kind = definition?.step.form;
    if (!definition || !kind) throw new InvalidInputError('form', 'format');
    return {
      incidentId,
      stepKey,
      title: t(locale, `form.${kind}.title`),
      stepTitle: localized(definition.step.title, locale),
      spec: FORM_SPECS[kind],
      values:
        view.forms.find((answer) => answer.stepKey === stepKey)?.data ??
        (await this.deps.formDefaults?.({ view, stepKey, kind, actor })) ??
        null,
      members: view.members,
    };
  }

  /** The form a step asks for (its fields only, no answers): InvalidAction or FormNotAvailable otherwise. */
  async formSpec(incidentId: string, stepKey: string | undefined): Promise<FormSpec> {
    const incident = await this.deps.incidents.find(incidentId);
    if (!incident || !stepKey) throw new DomainError('InvalidAction');
    const playbook = this.deps.playbooks.get(incident.playbookKey, incident.playbookVersion);
    const kind = findStep(playbook, stepKey)?.step.form;
    if (!kind) throw new DomainError('FormNotAvailable');
    return FORM_SPECS[kind];
  }

  /**
   * Records delivery keys (e.g. one per shared file) and says whether any of them is new, so a
   * platform's retried event changes nothing.
   */
  async firstDelivery(scope: string, keys: string[]): Promise<boolean> {
    let fresh = false;
    for (const key of keys) fresh = (await this.deps.incidents.markDelivered(key, scope)) || fresh;
    return fresh;
  }

  /**
   * The facts "Feiten aanpassen" starts from. Only the lead may change them, and not once the
   * incident is finished: the others hear so before they fill anything in.
   */
  async factsToEdit(incidentId: string, actor: Actor): Promise<IncidentFacts> {
    const { incident } = await this.deps.incidents.viewAsMember(incidentId, actor);
    assertWorkable(incident, 'aftercare');
    requireLead(incident, actor);
    return incident.facts;
  }

  /** The members of an incident, for an assign dialog; strangers get NotAMember. */
  async members(incidentId: string, actor: Actor): Promise<Member[]> {
    return (await this.deps.incidents.viewAsMember(incidentId, actor)).members;
  }
}
