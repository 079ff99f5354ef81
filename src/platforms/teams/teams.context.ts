import type { AppContext } from '../../app-module.js';
import type { Card } from '../../core/cards/card.types.js';
import type { Platform, Workspace } from '../../core/incidents/incident.types.js';
import type { AskedOnce } from '../../core/privacy/privacy-check.js';
import type { RenderContext } from './cards/adaptive.types.js';
import type { FileOffers } from './files/file-offers.js';
import type { AskedQuestions } from './handlers/asked-questions.js';
import type { TeamsReferenceRepository } from './storage/teams-reference.repository.js';

/** What every Teams handler gets. */
export interface TeamsDeps {
  app: AppContext;
  /** `teams`, or `playground` when the local stand-in plays Teams. */
  platform: Platform;
  references: TeamsReferenceRepository;
  renderContext(workspace: Workspace, card: Card): Promise<RenderContext>;
  /** Cards that showed the pupil-name question to someone, so their next send is saved. */
  privacy: AskedOnce;
  /** The open and close questions posted, so only their own cancel replaces them. */
  questions: AskedQuestions;
  /** Files offered with a consent card, waiting for the person's answer (at most 10 minutes). */
  offers: FileOffers;
}
