import type {
  AuditEvent,
  FormAnswer,
  Incident,
  Member,
  Note,
  Step,
  UserId,
  Workspace,
} from '../../core/incidents/incident.types.js';
import type { Locale, Playbook } from '../../core/playbook/playbook.types.js';
import type { Reminder } from '../reminders/reminder.types.js';

/**
 * Everything the dossier is made from, read from the store in one go when a member asks for it.
 * Nothing here is written anywhere: the dossier is built in memory and handed to the platform.
 */
export interface DossierInput {
  incident: Incident;
  workspace: DossierWorkspace;
  /** Current members; the lead's role comes from `incident.leadId`. */
  members: Member[];
  /**
   * Names of people the audit trail mentions who are no longer members (removed colleagues),
   * when the platform still knows them. Anyone not found here or among the members is shown as
   * "een collega" / "a colleague".
   */
  formerNames?: Readonly<Record<UserId, string>>;
  steps: Step[];
  /** All notes of the incident, in any order (not only the newest the cards show). */
  notes: Note[];
  forms: FormAnswer[];
  /** Every audit event of the incident, oldest first. */
  audit: AuditEvent[];
  /** The incident's reminders in any status. */
  reminders: Reminder[];
  /** The playbook the incident was opened with (its key and version). */
  playbook: Playbook;
  /** The workspace's language. */
  locale: Locale;
  /** The school's time zone (the workspace's), for every date and time shown. */
  timeZone: string;
  /** When the dossier was asked for; printed in the footer. */
  generatedAt: Date;
}

/** The workspace as the dossier shows it. */
export interface DossierWorkspace extends Pick<Workspace, 'id' | 'platform'> {
  /** The school's name when the workspace's settings give one (`settings.schoolName`). */
  schoolName: string | null;
}

/**
 * The dossier as neutral content: sections of headings, paragraphs, key/value rows, tables and
 * lists. All strings are plain text (no markup); each renderer escapes them for its format.
 */
export interface DossierDocument {
  locale: Locale;
  /** BCP 47 tag for the PDF's `Lang` and the Markdown's readers. */
  lang: 'nl-NL' | 'en-GB';
  /** The document title (metadata and first heading); holds the number, never the incident's title. */
  title: string;
  /** "Vertrouwelijk — … Niet doorsturen." */
  confidentiality: string;
  incidentNumber: string;
  /** The generation time as shown ("di 12 nov 2026 09:41"). */
  generatedAt: string;
  /** "Gemaakt op di 12 nov 2026 09:41", under the title. */
  generatedLine: string;
  sections: DossierSection[];
}

/** A part of the dossier; top-level sections and their children become PDF bookmarks. */
export interface DossierSection {
  /** Stable id, e.g. `facts`, `phase:direct`, `timeline`. */
  key: string;
  title: string;
  blocks: DossierBlock[];
  children: DossierSection[];
}

export type DossierTone = 'normal' | 'muted' | 'warning';

export type DossierBlock =
  /** A heading inside a section: 3 for a step, 4 for its form and notes. */
  | { kind: 'heading'; level: 3 | 4; text: string }
  | { kind: 'paragraph'; text: string; tone?: DossierTone }
  | { kind: 'keyValue'; rows: DossierRow[] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'note'; meta: string; text: string };

/** One labelled value; a value may hold line breaks (long answers). */
export interface DossierRow {
  label: string;
  value: string;
}
