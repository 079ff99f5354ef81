/**
 * Checks Block Kit the way Slack's API does for the parts this bot uses, with the limits from
 * Slack's Block Kit reference. Returns Slack-style error strings with a JSON pointer; an empty
 * list means Slack would accept it. Anything unknown is refused rather than waved through.
 */
type Json = Record<string, unknown>;

const TEXT_TYPES = ['plain_text', 'mrkdwn'];

export function validateBlocks(blocks: unknown, surface: 'message' | 'modal'): string[] {
  const errors: string[] = [];
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) errors.push(`no more than ${max} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const at = `/blocks/${index}`;
    if (!isObject(block)) {
      errors.push(`must be an object [json-pointer:${at}]`);
      return;
    }
    if (block.block_id !== undefined) {
      const id = block.block_id;
      if (typeof id !== 'string' || id.length === 0 || id.length > 255) {
        errors.push(`invalid block_id [json-pointer:${at}/block_id]`);
      } else if (blockIds.has(id)) {
        errors.push(`duplicate block_id [json-pointer:${at}/block_id]`);
      } else blockIds.add(id);
    }
    // Slack: an action_id must be unique among the action_ids of its containing block.
    const check = new Checker(errors, new Set());
    check.block(block, at, surface);
  });
  return errors;
}

/** A modal view as views.open takes it. */
export function validateModal(view: unknown): string[] {
  if (!isObject(view)) return ['must be an object [json-pointer:/view]'];
  const errors: string[] = [];
  if (view.type !== 'modal') errors.push('must be modal [json-pointer:/view/type]');
  const check = new Checker(errors, new Set());
  check.text(view.title, '/view/title', 24, 'plain_text');
  if (view.submit !== undefined) check.text(view.submit, '/view/submit', 24, 'plain_text');
  if (view.close !== undefined) check.text(view.close, '/view/close', 24, 'plain_text');
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    errors.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) {
    errors.push('must be less than 256 characters [json-pointer:/view/callback_id]');
  }
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  if (blocks.some((block) => isObject(block) && block.type === 'input') && view.submit === undefined) {
    errors.push('submit is required when an input block is present [json-pointer:/view/submit]');
  }
  errors.push(
    ...validateBlocks(view.blocks, 'modal').map((error) =>
      error.replace('json-pointer:/', 'json-pointer:/view/'),
    ),
  );
  return errors;
}

class Checker {
  constructor(
    private readonly errors: string[],
    private readonly actionIds: Set<string>,
  ) {}

  fail(message: string, at: string): void {
    this.errors.push(`${message} [json-pointer:${at}]`);
  }

  block(block: Json, at: string, surface: 'message' | 'modal'): void {
    switch (block.type) {
      case 'header':
        this.text(block.text, `${at}/text`, 150, 'plain_text');
        return;
      case 'divider':
        return;
      case 'section': {
        this.section(block, at);
        return;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > 10)
          this.fail('must have 1 to 10 elements', `${at}/elements`);
        elements.forEach((element, i) => {
          this.text(element, `${at}/elements/${i}`, 3000);
        });
        return;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > 25)
          this.fail('must have 1 to 25 elements', `${at}/elements`);
        elements.forEach((element, i) => {
          this.element(element, `${at}/elements/${i}`, ['button', 'overflow']);
        });
        return;
      }
      case 'input':
        if (surface !== 'modal') {
          this.fail('input blocks are only allowed in modals', `${at}/type`);
          return;
        }
        this.text(block.label, `${at}/label`, 2000, 'plain_text');
        if (block.hint !== undefined) this.text(block.hint, `${at}/hint`, 2000, 'plain_text');
        this.element(block.element, `${at}/element`, [
          'plain_text_input',
          'static_select',
          'users_select',
          'multi_users_select',
          'datepicker',
          'radio_buttons',
          'checkboxes',
        ]);
        return;
      default:
        this.fail(`unsupported block type ${String(block.type)}`, `${at}/type`);
    }
  }

  section(block: Json, at: string): void {
    if (block.text === undefined && block.fields === undefined) this.fail('must provide text or fields', at);
    if (block.text !== undefined) this.text(block.text, `${at}/text`, 3000);
    if (block.fields !== undefined) {
      const fields = Array.isArray(block.fields) ? block.fields : [];
      if (fields.length === 0 || fields.length > 10) this.fail('must have 1 to 10 fields', `${at}/fields`);
      fields.forEach((field, i) => {
        this.text(field, `${at}/fields/${i}`, 2000);
      });
    }
    // A section's accessory may be a button, an overflow or a select menu, among others
    // (https://docs.slack.dev/reference/block-kit/blocks/section-block); the bot uses these three.
    if (block.accessory !== undefined)
      this.element(block.accessory, `${at}/accessory`, ['button', 'overflow', 'static_select']);
  }

  text(value: unknown, at: string, max: number, only?: 'plain_text'): void {
    if (!isObject(value)) {
      this.fail('must be a text object', at);
      return;
    }
    if (!TEXT_TYPES.includes(String(value.type))) {
      this.fail('invalid text type', `${at}/type`);
      return;
    }
    if (only && value.type !== only) {
      this.fail(`must be ${only}`, `${at}/type`);
      return;
    }
    if (typeof value.text !== 'string' || value.text.length === 0) {
      this.fail('must not be empty', `${at}/text`);
      return;
    }
    if (value.text.length > max) this.fail(`must be less than ${max + 1} characters`, `${at}/text`);
    // Slack: `verbatim` is only for mrkdwn, `emoji` only for plain_text; both are booleans.
    if (value.verbatim !== undefined && (value.type !== 'mrkdwn' || typeof value.verbatim !== 'boolean'))
      this.fail('invalid verbatim', `${at}/verbatim`);
    if (value.emoji !== undefined && (value.type !== 'plain_text' || typeof value.emoji !== 'boolean'))
      this.fail('invalid emoji', `${at}/emoji`);
  }

  actionId(element: Json, at: string): void {
    const id = element.action_id;
    if (id === undefined) return;
    if (typeof id !== 'string' || id.length === 0 || id.length > 255) {
      this.fail('invalid action_id', `${at}/action_id`);
      return;
    }
    if (this.actionIds.has(id)) {
      this.fail('duplicate action_id', `${at}/action_id`);
      return;
    }
    this.actionIds.add(id);
  }

  element(element: unknown, at: string, allowed: string[]): void {
    if (!isObject(element)) {
      this.fail('must be an object', at);
      return;
    }
    if (!allowed.includes(String(element.type))) {
      this.fail(`unsupported element ${String(element.type)}`, `${at}/type`);
      return;
    }
    this.actionId(element, at);
    switch (element.type) {
      case 'button':
        this.text(element.text, `${at}/text`, 75, 'plain_text');
        if (typeof element.value === 'string' && element.value.length > 2000)
          this.fail('must be less than 2001 characters', `${at}/value`);
        if (element.style !== undefined && !['primary', 'danger'].includes(String(element.style)))
          this.fail('invalid style', `${at}/style`);
        return;
      case 'overflow': {
        this.options(element.options, `${at}/options`, 2, 5);
        return;
      }
      case 'static_select':
        this.options(element.options, `${at}/options`, 1, 100);
        {
          this.initialOption(element, at);
          return;
        }
      case 'radio_buttons':
        this.options(element.options, `${at}/options`, 1, 10);
        {
          this.initialOption(element, at);
          return;
        }
      case 'checkboxes': {
        this.options(element.options, `${at}/options`, 1, 10);
        return;
      }
      case 'plain_text_input': {
        const maxLength = typeof element.max_length === 'number' ? element.max_length : 3000;
        if (maxLength > 3000 || maxLength < 1) this.fail('invalid max_length', `${at}/max_length`);
        if (typeof element.initial_value === 'string' && element.initial_value.length > maxLength)
          this.fail('initial_value is longer than max_length', `${at}/initial_value`);
        return;
      }
      case 'datepicker':
        if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date)))
          this.fail('invalid date', `${at}/initial_date`);
        return;
      default:
        return;
    }
  }

  options(options: unknown, at: string, min: number, max: number): void {
    const list = Array.isArray(options) ? options : [];
    if (list.length < min || list.length > max) this.fail(`must have ${min} to ${max} options`, at);
    list.forEach((option, i) => {
      if (!isObject(option)) {
        this.fail('must be an object', `${at}/${i}`);
        return;
      }
      this.text(option.text, `${at}/${i}/text`, 75, 'plain_text');
      if (typeof option.value !== 'string' || option.value.length > 150)
        this.fail('must be a string of at most 150 characters', `${at}/${i}/value`);
    });
  }

  initialOption(element: Json, at: string): void {
    if (element.initial_option === undefined) return;
    const options = Array.isArray(element.options) ? (element.options as Json[]) : [];
    const initial = element.initial_option as Json;
    if (!options.some((option) => option.value === initial?.value))
      this.fail('initial_option must match one of the options', `${at}/initial_option`);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
