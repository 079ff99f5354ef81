/** The `/incident …` (Slack) or `incident …` (Teams) commands, Dutch and English. */
export type IncidentCommand =
  | { kind: 'new'; title: string }
  | { kind: 'status' }
  | { kind: 'overview' }
  | { kind: 'close' }
  | { kind: 'dossier' }
  | { kind: 'help' }
  | { kind: 'unknown'; word: string };

const ALIASES: Record<string, IncidentCommand['kind']> = {
  nieuw: 'new',
  new: 'new',
  open: 'new',
  status: 'status',
  overzicht: 'overview',
  overview: 'overview',
  sluit: 'close',
  sluiten: 'close',
  close: 'close',
  dossier: 'dossier',
  help: 'help',
  hulp: 'help',
  '?': 'help',
};

/** Parses the text after the command name; an empty text is help. */
export function parseIncidentCommand(text: string): IncidentCommand {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { kind: 'help' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const kind = ALIASES[first.toLowerCase()];
  if (!kind) return { kind: 'unknown', word: first.slice(0, 40) };
  if (kind === 'new') return { kind, title: rest.join(' ').slice(0, 200) };
  return { kind } as IncidentCommand;
}
