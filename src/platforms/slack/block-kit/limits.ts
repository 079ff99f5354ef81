/**
 * Slack's Block Kit limits (docs.slack.dev, Block Kit reference). The renderer and the modal
 * builders stay inside them by construction; a payload over any of them is refused by Slack
 * with `invalid_blocks`, which would leave a card stale.
 */
export const BLOCK_KIT = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
  buttonValue: 2000,
  overflowMin: 2,
  overflowMax: 5,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  radioOptions: 10,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  privateMetadata: 3000,
  callbackId: 255,
  textInputMax: 3000,
  /** Top-level `text` of a message (the notification fallback); Slack truncates far later. */
  messageText: 3000,
} as const;
