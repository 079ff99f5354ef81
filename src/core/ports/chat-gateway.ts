import type { Card } from '../cards/card.types.js';
import type { Incident, UserId, Workspace } from '../incidents/incident.types.js';
import type { Locale } from '../playbook/playbook.types.js';

export interface SpaceMember {
  userId: UserId;
  displayName: string | null;
  isLead: boolean;
}

export interface EnsureSpaceRequest {
  workspace: Workspace;
  incident: Incident;
  /** Derived from the incident number only, e.g. `incident-2026-0042`; never from the title. */
  name: string;
  members: SpaceMember[];
}

/** A file made in memory for one person (the incident's dossier); never stored by the bot. */
export interface OutgoingFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface FileHandover {
  incidentId: string;
  /** The incident's space, where the files go or where their delivery is told. */
  spaceId: string;
  /** The person who asked; the files are theirs to receive. */
  requesterId: UserId;
  requesterName: string;
  files: OutgoingFile[];
  /** The message the files come with, e.g. "Dossier incident 2026-0042 (vertrouwelijk)". */
  title: string;
  incidentNumber: string;
  /** The workspace's language, for what the platform says in the space. */
  locale: Locale;
}

/**
 * How the files reached the requester: posted in the space (Slack), offered in their personal
 * chat (Teams, waiting for consent), a one-time download link (the playground), or not at all
 * because the personal chat cannot be reached, or refused with the platform's own sentence (in
 * the handover's language) when someone can act on it, e.g. a permission the app still lacks.
 */
export type HandoverResult =
  | { kind: 'posted' }
  | { kind: 'offered' }
  | { kind: 'link'; urls: string[] }
  | { kind: 'unreachable' }
  | { kind: 'refused'; text: string };

export interface PostedMessage {
  messageId: string;
}

/**
 * The incident space on one platform: a private Slack channel, a private Teams channel or a
 * group chat. Each platform implements it; the core calls it after the state is committed.
 *
 * Failures: throw a `GatewayError` (./gateway-error.ts) with `permanent: true` when trying again
 * cannot help (channel archived or gone, user left, no access), so scheduled reminders are not
 * retried forever; `permanent: false` (or any other error) for what may pass (rate limits,
 * time-outs, outages).
 */
export interface ChatGateway {
  /**
   * Creates the private space with its members, or returns the one made earlier under the same
   * name (the process may have died after creating it). Must be safe to call again.
   */
  ensureSpace(request: EnsureSpaceRequest): Promise<{ spaceId: string }>;
  /** Looks for a card posted earlier whose id was not stored (crash between post and save). */
  findCard?(spaceId: string, incidentId: string, cardKey: string): Promise<PostedMessage | null>;
  postCard(spaceId: string, card: Card): Promise<PostedMessage>;
  updateCard(spaceId: string, messageId: string, card: Card): Promise<void>;
  pinCard?(spaceId: string, messageId: string): Promise<void>;
  /** A short line in the timeline (Slack: a thread under the overview). */
  postTimeline(spaceId: string, overviewMessageId: string | null, text: string): Promise<void>;
  addMembers(spaceId: string, userIds: UserId[]): Promise<void>;
  /** Takes people out of the space (they were removed from the incident). */
  removeMembers?(spaceId: string, userIds: UserId[]): Promise<void>;
  /**
   * A plain message in the space, seen by everyone in it (e.g. the file-share warning). People
   * in `mention` are notified the platform's way (Slack `<@U…>`, a Teams mention) before the text.
   */
  postText(spaceId: string, text: string, options?: { mention?: UserId[] }): Promise<PostedMessage>;
  /** A card sent to one person privately (Slack DM, Teams personal chat), e.g. a reminder. */
  sendDirect(userId: UserId, card: Card): Promise<PostedMessage>;
  /** Archives the space after closing, where the platform allows it. */
  archiveSpace?(spaceId: string): Promise<void>;
  /**
   * The incident was closed: mark the space as closed where the platform has a way (a Teams
   * group chat's topic becomes `Incident 2026-0042 (gesloten)`). `closedLabel` is the word for
   * "closed" in the workspace's language. Archiving is separate.
   */
  markSpaceClosed?(spaceId: string, closed: { number: string; closedLabel: string }): Promise<void>;
  /**
   * Replaces the requester's confirmation message ("wordt geopend…") with `card`, so it says
   * what really happened. `noticeRef` is what the platform stored when it sent that message.
   */
  updateNotice?(noticeRef: string, card: Card): Promise<void>;
  /**
   * Hands files made in memory to the person who asked, the platform's documented way; the bot
   * keeps no copy once they are handed over (or the offer lapses).
   */
  handOverFiles?(handover: FileHandover): Promise<HandoverResult>;
  /** Where people open the space (a deep link); null where the platform links another way. */
  spaceLink?(spaceId: string): Promise<string | null>;
}
