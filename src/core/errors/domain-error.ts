/**
 * Coded domain errors. Platforms turn a known `code` into a friendly message in the user's
 * language (catalogue key `error.<code>`) and log anything else as unexpected.
 */

export type ErrorCode =
  | 'NotAMember'
  | 'NotLead'
  | 'NotStepOwner'
  | 'StepAlreadyClaimed'
  | 'StepAlreadyDone'
  | 'StepNotApplicable'
  | 'StepNotFound'
  | 'IncidentNotFound'
  | 'IncidentClosed'
  | 'IncidentFinished'
  | 'IncidentNotClosed'
  | 'WorkspaceNotFound'
  | 'AssigneeNotAMember'
  | 'LeadCannotBeRemoved'
  | 'InvalidInput'
  | 'InvalidAction'
  | 'ActionContextMismatch'
  | 'FormNotAvailable'
  | 'PlaybookInvalid'
  | 'PlaybookVersionConflict'
  | 'PlaybookNotFound'
  | 'NotCoordinator'
  | 'IncidentPurged';

export const ERROR_CODES: readonly ErrorCode[] = [
  'NotAMember',
  'NotLead',
  'NotStepOwner',
  'StepAlreadyClaimed',
  'StepAlreadyDone',
  'StepNotApplicable',
  'StepNotFound',
  'IncidentNotFound',
  'IncidentClosed',
  'IncidentFinished',
  'IncidentNotClosed',
  'WorkspaceNotFound',
  'AssigneeNotAMember',
  'LeadCannotBeRemoved',
  'InvalidInput',
  'InvalidAction',
  'ActionContextMismatch',
  'FormNotAvailable',
  'PlaybookInvalid',
  'PlaybookVersionConflict',
  'PlaybookNotFound',
  'NotCoordinator',
  'IncidentPurged',
];

/** Values a message template may interpolate. Kept to strings and numbers on purpose. */
export type ErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, detail?: string) {
    super(detail ?? code);
    this.name = `${code}Error`;
    this.code = code;
    this.params = params;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Who holds a step, for "someone was faster" messages. */
export class StepAlreadyClaimedError extends DomainError {
  constructor(
    readonly stepKey: string,
    readonly ownerId: string,
  ) {
    super('StepAlreadyClaimed', { step: stepKey, owner: ownerId });
  }
}

export class NotAMemberError extends DomainError {
  constructor(readonly userId: string) {
    super('NotAMember', { user: userId });
  }
}

export class NotLeadError extends DomainError {
  constructor(readonly leadId: string) {
    super('NotLead', { lead: leadId });
  }
}

export class NotStepOwnerError extends DomainError {
  constructor(
    readonly stepKey: string,
    readonly ownerId: string,
  ) {
    super('NotStepOwner', { step: stepKey, owner: ownerId });
  }
}

/** Validation failure on one field; `rule` says what is wrong (required, tooLong, oneOf, ...). */
export class InvalidInputError extends DomainError {
  constructor(
    readonly field: string,
    readonly rule: InputRule,
    params: ErrorParams = {},
  ) {
    super('InvalidInput', { field, rule, ...params }, `${field}: ${rule}`);
  }
}

export type InputRule =
  | 'required'
  | 'tooLong'
  | 'tooShort'
  | 'oneOf'
  | 'date'
  /** A date outside the years 2000 to 2100. */
  | 'dateRange'
  | 'tooMany'
  | 'format'
  | 'notInvited'
  | 'notAMember'
  | 'notBefore'
  /** Only invisible characters (zero-width spaces, joiners, BOM, blanks). */
  | 'invisible'
  /** Characters that reverse the reading direction (bidi embeddings, overrides, isolates). */
  | 'bidi'
  /** Looks like a pupil's name: asked once; sending the same again saves it. */
  | 'pupilName';
