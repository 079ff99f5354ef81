import type { ActionKind } from '../cards/action-payload.js';
import { nameResolver } from '../cards/card-context.js';
import { DomainError, InvalidInputError, isDomainError } from '../errors/domain-error.js';
import { errorMessage, t } from '../i18n/catalogue.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { StepService } from '../incidents/step.service.js';
import { findStep, type PlaybookRegistry } from '../playbook/playbook.registry.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { checkPupilNames, type EnteredText, formTexts } from '../privacy/privacy-check.js';
import type { SpaceService } from '../spaces/space.service.js';
import { factsActionHandlers } from './facts-actions.handler.js';
import type {
  ActionHandler,
  ActionRequest,
  ChangeListener,
  FollowUpErrorReporter,
  HandlerOutcome,
  InteractionResult,
} from './interaction.types.js';
import { lifecycleActionHandlers } from './lifecycle-actions.handler.js';
import { membershipActionHandlers } from './membership-actions.handler.js';
import { notesActionHandlers } from './notes-actions.handler.js';
import { stepActionHandlers } from './step-actions.handler.js';
import { taskActionHandlers } from './task-actions.handler.js';

export interface InteractionDeps {
  store: Store;
  clock: Clock;
  incidents: IncidentService;
  steps: StepService;
  spaces: SpaceService;
  playbooks: PlaybookRegistry;
  reportError: FollowUpErrorReporter;
  /** Buttons added by features (reminders). */
  actions?: ReadonlyArray<readonly [ActionKind, ActionHandler]>;
  /** Told after every change (reminders follow the new state). */
  listeners?: readonly ChangeListener[];
}

/**
 * The one entry point for every button and dialog on every platform: it runs the change,
 * answers the clicker in their language and then updates the cards and the timeline.
 * Platforms only decode the click and show the answer; modules (reminders) add handlers.
 */
export class InteractionService {
  private readonly handlers = new Map<ActionKind, ActionHandler>();
  private readonly listeners: readonly ChangeListener[];

  constructor(private readonly deps: InteractionDeps) {
    for (const [kind, handler] of stepActionHandlers(deps)) this.handlers.set(kind, handler);
    for (const [kind, handler] of membershipActionHandlers(deps)) this.handlers.set(kind, handler);
    for (const [kind, handler] of lifecycleActionHandlers(deps)) this.handlers.set(kind, handler);
    for (const [kind, handler] of factsActionHandlers(deps)) this.handlers.set(kind, handler);
    for (const [kind, handler] of notesActionHandlers(deps)) this.handlers.set(kind, handler);
    for (const [kind, handler] of taskActionHandlers(deps)) this.handlers.set(kind, handler);
    this.handlers.set('retryOpening', (request, locale) => this.retryOpening(request, locale));
    for (const [kind, handler] of deps.actions ?? []) this.handlers.set(kind, handler);
    this.listeners = deps.listeners ?? [];
  }

  /** Tells the listeners about a change made outside a button, e.g. a newly opened incident. */
  async notifyChanged(incidentId: string, kind: ActionKind | 'open'): Promise<void> {
    await Promise.all(
      this.listeners.map((listener) =>
        this.runListener(listener, incidentId, kind).catch((error: unknown) =>
          this.deps.reportError(error, { incidentId, action: kind === 'open' ? 'form' : kind }),
        ),
      ),
    );
  }

  /** Runs one listener and redraws the overview when it asks for that. */
  private async runListener(listener: ChangeListener, incidentId: string, kind: ActionKind | 'open') {
    const effect = await listener(incidentId, kind);
    if (effect?.redrawOverview) await this.deps.spaces.refresh(incidentId, []);
  }

  async handle(request: ActionRequest): Promise<InteractionResult> {
    const locale = request.locale ?? request.workspace.locale;
    const incidentId = request.payload.incidentId;
    try {
      const handler = this.handlers.get(request.payload.kind);
      if (!handler) throw new DomainError('InvalidAction');
      checkPupilNames(enteredTexts(request), request.privacyConfirmed === true);
      const outcome = await handler(request, locale);
      const { followUp, cardsUpdated } = outcome.changed
        ? this.followUp(request, outcome)
        : { followUp: Promise.resolve(), cardsUpdated: Promise.resolve() };
      return {
        ok: true,
        changed: outcome.changed,
        message: outcome.message,
        incidentId,
        followUp,
        cardsUpdated,
        ...(outcome.card ? { card: outcome.card } : {}),
      };
    } catch (error) {
      if (!isDomainError(error)) this.deps.reportError(error, { incidentId, action: request.payload.kind });
      return {
        ok: false,
        changed: false,
        message: await this.describeError(error, incidentId, locale, request),
        incidentId,
        ...(isDomainError(error) ? { errorCode: error.code } : {}),
        ...(error instanceof InvalidInputError ? { field: error.field } : {}),
        ...(error instanceof InvalidInputError && error.rule === 'pupilName' ? { confirmable: true } : {}),
        followUp: Promise.resolve(),
        cardsUpdated: Promise.resolve(),
      };
    }
  }

  /** The friendly sentence for an error, with people's names filled in. */
  async describeError(
    error: unknown,
    incidentId: string,
    locale: Locale,
    request?: ActionRequest,
  ): Promise<string> {
    const members = isDomainError(error)
      ? await this.deps.store.members.list(incidentId).catch(() => [])
      : [];
    const formKind =
      request?.payload.kind === 'form' && request.payload.stepKey
        ? await this.formKindOf(incidentId, request.payload.stepKey)
        : undefined;
    return errorMessage(error, locale, {
      nameOf: nameResolver(members),
      ...(formKind ? { formKind } : {}),
      ...(request ? { timeZone: request.workspace.timezone } : {}),
    });
  }

  /**
   * **Probeer opnieuw** on a failed opening: any member may ask. The confirmation goes back to
   * "wordt geopend…" at once and is updated again when the attempt ends; the answer does not
   * wait for it (making a space and posting nine cards takes longer than a click may).
   */
  private async retryOpening(request: ActionRequest, locale: Locale): Promise<HandlerOutcome> {
    const { incident } = await this.deps.incidents.viewAsMember(request.payload.incidentId, request.actor);
    if (incident.status !== 'opening') {
      return { changed: false, message: t(locale, 'opening.alreadyOpen', { number: incident.number }) };
    }
    const { spaces } = this.deps;
    await spaces.notices.retrying(incident);
    void spaces.finishOpening(incident.id).catch(() => {
      // Recorded and told to the requester by the notice; the next start tries again too.
    });
    return { changed: false, message: t(locale, 'opening.retrying') };
  }

  private followUp(
    request: ActionRequest,
    outcome: HandlerOutcome,
  ): { followUp: Promise<void>; cardsUpdated: Promise<void> } {
    const incidentId = request.payload.incidentId;
    const action = request.payload.kind;
    const report = (error: unknown) => this.deps.reportError(error, { incidentId, action });
    const { spaces } = this.deps;
    const cardsUpdated = (
      outcome.phases === 'all'
        ? spaces.refreshAll(incidentId)
        : spaces.refresh(incidentId, outcome.phases ?? [])
    ).catch(report);
    const timeline = async () => {
      if (outcome.timeline) await spaces.timeline(incidentId, outcome.timeline);
    };
    const listeners = this.listeners.map((listener) => () => this.runListener(listener, incidentId, action));
    const others = [timeline, ...listeners].map((task) => task().catch(report));
    const followUp = Promise.all([cardsUpdated, ...others]).then(async () => {
      if (outcome.after) await outcome.after().catch(report);
    });
    return { followUp, cardsUpdated };
  }

  private async formKindOf(incidentId: string, stepKey: string) {
    const incident = await this.deps.store.incidents.get(incidentId);
    if (!incident) return undefined;
    return findStep(this.deps.playbooks.get(incident.playbookKey, incident.playbookVersion), stepKey)?.step
      .form;
  }
}

/** The free texts a click brings in, for the pupil-name check. */
function enteredTexts(request: ActionRequest): EnteredText[] {
  const input = request.input ?? {};
  switch (request.payload.kind) {
    case 'note':
    case 'reminderDone':
      return input.note ? [{ field: 'note', text: input.note }] : [];
    case 'notApplicable':
    case 'finish':
      return input.reason ? [{ field: 'reason', text: input.reason }] : [];
    case 'form':
      return formTexts(input.form);
    default:
      return [];
  }
}
