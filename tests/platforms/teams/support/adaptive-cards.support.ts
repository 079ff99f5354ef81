import { createRequire } from 'node:module';

/** Microsoft's own Adaptive Cards renderer (the browser build), loaded into the test's DOM. */
// biome-ignore lint/suspicious/noExplicitAny: the UMD bundle has no types of its own here
export type AdaptiveCards = any;

let loaded: AdaptiveCards | null = null;

export function adaptiveCards(): AdaptiveCards {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = require('adaptivecards/dist/adaptivecards.js');
    // Input labels go through the markdown hook; plain text is what Teams shows there.
    loaded.AdaptiveCard.onProcessMarkdown = (
      text: string,
      result: { outputHtml?: string; didProcess: boolean },
    ) => {
      result.outputHtml = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      result.didProcess = true;
    };
  }
  return loaded;
}

export interface CardCheck {
  parseEvents: string[];
  validationEvents: string[];
  rendered: boolean;
  inputIds: string[];
}

/** Parses, validates and renders a card with the adaptivecards library and reports every complaint. */
export function checkCard(json: unknown): CardCheck {
  const AC = adaptiveCards();
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const parseEvents: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) parseEvents.push(context.getEventAt(i).message);
  const validation = card.validateProperties();
  const validationEvents = validation.validationEvents.map((event: { message: string }) => event.message);
  const element = card.render();
  const inputIds = card.getAllInputs(true).map((input: { id: string }) => input.id);
  return { parseEvents, validationEvents, rendered: typeof element?.tagName === 'string', inputIds };
}
