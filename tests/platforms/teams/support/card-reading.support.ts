export type CardNode = Record<string, unknown>;

/** Every object in a card for which `match` holds. */
export function findAll(
  value: unknown,
  match: (node: CardNode) => boolean,
  out: CardNode[] = [],
): CardNode[] {
  if (Array.isArray(value)) for (const item of value) findAll(item, match, out);
  else if (value && typeof value === 'object') {
    if (match(value as CardNode)) out.push(value as CardNode);
    for (const child of Object.values(value)) findAll(child, match, out);
  }
  return out;
}

/** All literal text of a card, joined. */
export function cardText(card: unknown): string {
  return findAll(card, (node) => node.type === 'TextRun')
    .map((node) => String(node.text))
    .join('\n');
}

/** The card an invoke answered with. */
export function answeredCard(response: { body: unknown }): CardNode {
  const body = response.body as { type?: string; value?: CardNode };
  if (body?.type !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`not a card: ${JSON.stringify(body)}`);
  return body.value ?? {};
}

/** The data of the first Action.Execute with this title (and verb). */
export function actionData(card: unknown, title: string, verb?: string): Record<string, unknown> {
  const action = findAll(
    card,
    (n) => n.type === 'Action.Execute' && n.title === title && (!verb || n.verb === verb),
  )[0];
  if (!action) throw new Error(`no action "${title}"`);
  return action.data as Record<string, unknown>;
}

/** A message text as Teams shows it: escapes and entities undone. */
export function shown(text: string | undefined): string {
  return (text ?? '')
    .replace(/\\(.)/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
