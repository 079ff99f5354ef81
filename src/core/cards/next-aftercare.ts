import type { IncidentView } from '../incidents/incident.types.js';

/**
 * The earliest aftercare date (YYYY-MM-DD) from today on, read from the aftercare form. The
 * reminder schedule knows better (postponed moments) and is passed to the card when available.
 */
export function nextAftercareFromForms(view: IncidentView, today: string): string | null {
  const dates = view.forms
    .filter((answer) => answer.kind === 'aftercare_moments')
    .flatMap((answer) =>
      Array.isArray(answer.data.moments) ? (answer.data.moments as { date?: unknown }[]) : [],
    )
    .map((moment) => (typeof moment.date === 'string' ? moment.date : ''))
    .filter((date) => date >= today)
    .sort();
  return dates[0] ?? null;
}
