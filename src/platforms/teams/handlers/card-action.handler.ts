import type { TurnContext } from 'botbuilder';
import type { ActionPayload } from '../../../core/cards/action-payload.js';
import type { Card } from '../../../core/cards/card.types.js';
import { DomainError, isDomainError, NotAMemberError } from '../../../core/errors/domain-error.js';
import { errorMessage, t } from '../../../core/i18n/catalogue.js';
import type { Incident, Workspace } from '../../../core/incidents/incident.types.js';
import type { ActionInputValues } from '../../../core/interactions/interaction.types.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import {
  type ActionData,
  decodeActionData,
  encodeActionData,
  INPUT_PREFIX,
} from '../cards/action-data.codec.js';
import { VERBS } from '../cards/adaptive.types.js';
import { toAdaptiveCard } from '../cards/adaptive-card.renderer.js';
import { mergeFormPage } from '../cards/form-pages.js';
import { formViewCard } from '../cards/form-view.card.js';
import { inputValues } from '../cards/input-values.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, channelOf, localeOf, tenantOf } from '../teams.turn.js';
import { workspaceOfTeam } from '../teams.workspaces.js';
import { answerWithCard, answerWithMessage } from './replies.js';
import { colleaguesInTeam } from './team-members.js';

interface Click {
  /** The step the button is about; a card's refresh names none. */
  stepKey: string | undefined;
  incident: Incident;
  workspace: Workspace;
  locale: Locale;
  /** The channel of the click; null in a personal chat (reminders). */
  spaceId: string | null;
}

/**
 * A button on an incident card: decodes the payload, checks it belongs to the team it came from,
 * and lets the core act. Anything wrong ends in one calm sentence for the clicker.
 */
async function readClick(
  deps: TeamsDeps,
  context: TurnContext,
  data: Record<string, unknown>,
): Promise<Click> {
  const wire = decodeActionData(data);
  // A card's refresh names only its incident: the card is shown, nothing is done.
  const incidentId = wire.action?.incidentId ?? wire.incidentId;
  if (!incidentId) throw new DomainError('InvalidAction');
  const incident = await deps.app.incidents.find(incidentId);
  if (!incident) throw new DomainError('IncidentNotFound', { incident: incidentId });
  const workspace = await deps.app.workspaces.get(incident.workspaceId);
  const spaceId = channelOf(context.activity);
  if (spaceId) {
    // A payload copied from another team's card is refused before the core sees it.
    const here = await workspaceOfTeam(deps, context);
    if (!here || here.id !== workspace.id)
      throw new DomainError('ActionContextMismatch', { incident: incident.number });
  } else {
    const team = await deps.references.team(workspace.id);
    if (!team || team.tenantId !== tenantOf(context.activity)) throw new DomainError('InvalidAction');
  }
  const stepKey = wire.action?.stepKey;
  return { stepKey, incident, workspace, locale: localeOf(context.activity, workspace), spaceId };
}

/** `stappenplan.action`: a step action, a note, a saved form or closing. */
export async function cardAction(deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) {
  const locale = localeOf(context.activity);
  let click: Click;
  let wire: ActionData;
  let payload: ActionPayload;
  try {
    wire = decodeActionData(data);
    if (!wire.action) throw new DomainError('InvalidAction');
    payload = wire.action;
    click = await readClick(deps, context, data);
  } catch (error) {
    return answerWithMessage(context, errorMessage(error, locale));
  }
  const isForm = wire.inputPrefix === INPUT_PREFIX.form;
  let input: ActionInputValues = inputValues(data, wire);
  const paged = isForm && wire.page !== undefined;
  if (paged && click.stepKey) {
    const form = await deps.app.commands
      .formRequest(click.incident.id, click.stepKey, actorOf(context.activity), click.locale)
      .catch(() => null);
    if (form) {
      input = {
        ...input,
        form: mergeFormPage(
          form.spec,
          form.values,
          (input.form ?? {}) as Record<string, unknown>,
          wire.page?.offset ?? 0,
          wire.page?.rows ?? Number.NaN,
        ),
      };
    }
  }
  if (input.colleagues?.length) {
    const team = await deps.references.team(click.workspace.id);
    const colleagues = await colleaguesInTeam(context, team?.teamId, input.colleagues);
    if (!colleagues) {
      const field = t(click.locale, 'colleagues.label');
      return answerWithMessage(context, t(click.locale, 'input.notInTeam', { field }));
    }
    input = { ...input, colleagues };
  }
  const actor = actorOf(context.activity);
  // One card, one person, one action: the pupil-name question is asked once per such dialog.
  const dialog = `${actor.userId}:${context.activity.replyToId ?? ''}:${payload.kind}:${click.stepKey ?? ''}`;
  const result = await deps.app.interactions.handle({
    workspace: click.workspace,
    actor,
    payload,
    spaceId: click.spaceId,
    input,
    // Teams sends a retried delivery with the same activity id.
    requestId: `teams:${context.activity.id ?? ''}`,
    locale: click.locale,
    privacyConfirmed: deps.privacy.take(dialog),
  });
  if (result.confirmable) deps.privacy.remember(dialog);
  if (result.ok && result.card) return answerWithAside(context, click, result.card, payload);
  const shown = !result.ok && result.errorCode === 'InvalidInput' && isForm && click.stepKey;
  if (shown && !(await refusalToShow(deps, context, click))) {
    // The form comes back with what was typed and the problem next to its row (or on top).
    return formView(deps, context, click, {
      error: result.message,
      ...(result.field ? { errorField: result.field } : {}),
      typed: (input.form ?? {}) as Record<string, unknown>,
      offset: wire.page?.offset ?? 0,
    });
  }
  return answerWithIncidentCard(deps, context, click, {
    text: result.message,
    tone: result.ok ? 'good' : 'attention',
    ...(click.stepKey ? { stepKey: click.stepKey } : {}),
  });
}

/**
 * A card for the clicker alone (every note of a step) in place of the card they clicked, with a
 * way back to it. The core has checked who asked and from where.
 */
function answerWithAside(context: TurnContext, click: Click, aside: Card, payload: ActionPayload) {
  const json = toAdaptiveCard(aside, { locale: click.locale, members: [], forms: {} });
  const back = {
    type: 'Action.Execute',
    title: t(click.locale, 'teams.back'),
    verb: VERBS.cardView,
    data: encodeActionData({ action: payload }),
    associatedInputs: 'none',
  };
  return answerWithCard(context, { ...json, actions: [...(json.actions ?? []), back] });
}

/** `stappenplan.form`: one step's form, for the clicker only. */
export async function showFormView(deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) {
  try {
    const click = await readClick(deps, context, data);
    if (click.spaceId && click.incident.spaceId && click.incident.spaceId !== click.spaceId) {
      throw new DomainError('ActionContextMismatch', { incident: click.incident.number });
    }
    const wire = decodeActionData(data);
    if (wire.addRow !== undefined && wire.inputPrefix === INPUT_PREFIX.form) {
      // "Add a row": what was typed comes back with one more row; nothing is saved yet.
      const typed = (inputValues(data, wire).form ?? {}) as Record<string, unknown>;
      return await formView(deps, context, click, {
        typed,
        ...(wire.page ? { typedPage: wire.page } : {}),
        atLeast: wire.addRow,
      });
    }
    return await formView(deps, context, click, { offset: wire.page?.offset ?? 0 });
  } catch (error) {
    return answerWithMessage(context, await describe(deps, error, data, localeOf(context.activity)));
  }
}

/**
 * `stappenplan.card`: back from a form view to the card as it is now, and the refresh that
 * gives a person their own copy (the buttons only they may use).
 */
export async function showCard(deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) {
  try {
    const click = await readClick(deps, context, data);
    const refusal = await refusalToShow(deps, context, click);
    if (refusal) return answerWithMessage(context, errorMessage(refusal, click.locale));
    return await answerWithIncidentCard(deps, context, click);
  } catch (error) {
    return answerWithMessage(context, await describe(deps, error, data, localeOf(context.activity)));
  }
}

interface FormViewOptions {
  error?: string;
  errorField?: string;
  /** What was typed; with `typedPage`, only that page of rows, put in place among the stored. */
  typed?: Record<string, unknown>;
  typedPage?: { offset: number; rows: number | null };
  offset?: number;
  atLeast?: number;
}

async function formView(deps: TeamsDeps, context: TurnContext, click: Click, options: FormViewOptions = {}) {
  const stepKey = click.stepKey ?? '';
  const form = await deps.app.commands.formRequest(
    click.incident.id,
    stepKey,
    actorOf(context.activity),
    click.locale,
  );
  const page = options.typedPage;
  const values =
    options.typed && page
      ? mergeFormPage(form.spec, form.values, options.typed, page.offset, page.rows ?? Number.NaN)
      : (options.typed ?? form.values);
  const offset = options.offset ?? 0;
  return answerWithCard(
    context,
    formViewCard({
      locale: click.locale,
      title: form.title,
      stepTitle: form.stepTitle,
      spec: form.spec,
      values,
      members: form.members,
      payload: { incidentId: click.incident.id, kind: 'form', stepKey: stepKey },
      ...(options.error ? { error: options.error } : {}),
      ...(options.errorField ? { errorField: options.errorField } : {}),
      ...(options.atLeast ? { atLeast: options.atLeast } : {}),
      offset: Number.isFinite(offset) ? offset : 0,
    }),
  );
}

/**
 * Why the clicker may not see this incident's cards here, or null: only its members, and only in
 * its own channel. A payload names any incident and `replyToId` any message, so both are checked
 * against what is stored rather than trusted.
 */
async function refusalToShow(
  deps: TeamsDeps,
  context: TurnContext,
  click: Click,
): Promise<DomainError | null> {
  const actor = actorOf(context.activity);
  const members = await deps.app.incidents.members(click.incident.id);
  if (!members.some((member) => member.userId === actor.userId)) return new NotAMemberError(actor.userId);
  if (click.spaceId !== null && click.spaceId !== click.incident.spaceId)
    return new DomainError('ActionContextMismatch', { incident: click.incident.number });
  return null;
}

/**
 * The card the click came from, as it is now, with the answer on top for the clicker. Anyone who
 * may not see it, or a click from anywhere but the card's own channel, gets the answer as text.
 */
async function answerWithIncidentCard(
  deps: TeamsDeps,
  context: TurnContext,
  click: Click,
  banner?: { text: string; tone: 'good' | 'attention'; stepKey?: string },
) {
  const refusal = await refusalToShow(deps, context, click);
  if (refusal) {
    return answerWithMessage(context, banner?.text ?? errorMessage(refusal, click.locale), banner?.tone);
  }
  const actor = actorOf(context.activity);
  const posted = await deps.app.spaces.postedCards(click.incident);
  const clicked = posted.find(
    (card) => card.messageId === context.activity.replyToId && card.spaceId === click.spaceId,
  );
  if (!clicked) return answerWithMessage(context, banner?.text ?? '', banner?.tone);
  const card = await deps.app.spaces.buildCard(click.incident.id, clicked.cardKey);
  const renderContext = { ...(await deps.renderContext(click.workspace, card)), viewer: actor.userId };
  return answerWithCard(context, toAdaptiveCard(card, renderContext, banner ? { banner } : {}));
}

async function describe(deps: TeamsDeps, error: unknown, data: Record<string, unknown>, locale: Locale) {
  if (!isDomainError(error)) throw error;
  const incidentId = (() => {
    try {
      return decodeActionData(data).action?.incidentId ?? '';
    } catch {
      return '';
    }
  })();
  return incidentId
    ? deps.app.interactions.describeError(error, incidentId, locale)
    : errorMessage(error, locale);
}
