/** An incident whose retention period is over. */
export interface ExpiredIncident {
  incidentId: string;
  workspaceId: string;
}

/** What was removed from one incident, kept as counts for the school's statistics. */
export interface PurgeCounts {
  members: number;
  notes: number;
  forms: number;
  reminders: number;
  steps: number;
  stepsDone: number;
}

/** An incident that was never finished and in which nothing happened for a long time. */
export interface IdleIncident extends ExpiredIncident {
  number: string;
  leadId: string;
  /** The last entry in its audit trail. */
  lastActivity: Date;
  /** When its lead was warned; null when never, or only before the last activity. */
  warnedAt: Date | null;
}

export interface PurgeRequest {
  incidentId: string;
  /** Only incidents finished before this are purged (checked again under a lock). */
  finishedBefore: Date;
  /**
   * Instead: an incident that was never finished, warned at or before `warnedBefore`, without
   * activity since before `lastActivityBefore` and since the warning.
   */
  idle?: { lastActivityBefore: Date; warnedBefore: Date };
  /** Replaces the title and the people's ids on the incident. */
  marker: string;
  at: Date;
  actorId: string;
}

/**
 * Removes the content of incidents whose retention period is over (AVG). One incident at a time,
 * in one transaction with its audit entry.
 */
export interface RetentionStore {
  /**
   * Finished, not yet purged, finished before the date; oldest first. The period counts from
   * finishing: a closed incident's aftercare and evaluation still go on.
   */
  listExpired(finishedBefore: Date, limit: number): Promise<ExpiredIncident[]>;
  /**
   * Deletes members, notes, form answers, reminders, card references and the opening record;
   * replaces the title, lead and opener by the marker and clears steps' free text and who
   * assigned them; keeps the number, kind, dates and step statuses; appends an
   * `incident.purged` audit entry with the counts and forgets who the pseudonyms in the
   * incident's audit trail stand for (its `audit_actor` rows). Returns null when the incident no
   * longer qualifies (already purged, or not finished before the date).
   */
  purge(request: PurgeRequest): Promise<PurgeCounts | null>;
  /** Not finished, not purged, last activity before the date; oldest first. */
  listIdle(lastActivityBefore: Date, limit: number): Promise<IdleIncident[]>;
  /** Records that the lead was warned; never touches the audit trail (that would be activity). */
  markIdleWarned(incidentId: string, at: Date): Promise<void>;
  /**
   * Forgets idempotency keys of deliveries older than the date (platforms retry within minutes;
   * keeping the keys longer only keeps ids). Returns how many were removed.
   */
  forgetRequests(before: Date): Promise<number>;
}
