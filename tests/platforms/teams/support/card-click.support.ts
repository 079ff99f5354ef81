import { answeredCard, type CardNode, cardText } from './card-reading.support.js';
import type { Person } from './fake-microsoft.js';
import type { Where } from './teams-activities.support.js';
import type { Harness } from './teams-harness.js';

/** What the clicker sees: Teams puts the invoke's card in place of the card clicked. */
export interface ClickAnswer {
  status: number;
  card: CardNode;
  /** All literal text of that card. */
  text: string;
}

export type Click = (
  person: Person,
  verb: string,
  data: Record<string, unknown>,
  where?: Where,
) => Promise<ClickAnswer>;

/**
 * `click(person, verb, data, where)` on `h`: the Action.Execute invoke Teams sends for that
 * person, button data and conversation, posted to the bot, and the card it answered with read.
 * An answer that is not a card throws, naming what came instead.
 */
export function clicker(h: Harness): Click {
  return async (person, verb, data, where = {}) => {
    const answer = await h.click(person, verb, data, where);
    const card = answeredCard(answer);
    return { status: answer.status, card, text: cardText(card) };
  };
}
