/** Length limits for user text, chosen to fit every platform's card limits with room to spare. */
export const LIMITS = {
  titleMin: 3,
  title: 80,
  reason: 300,
  note: 2000,
  shortText: 200,
  longText: 2000,
  displayName: 120,
  members: 50,
  actionItems: 20,
  aftercareMoments: 12,
  /** Contacts with parents in one step's log: months of weekly calls, and still one modal on Slack. */
  parentContacts: 20,
} as const;
