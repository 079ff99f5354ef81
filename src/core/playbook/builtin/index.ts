import type { Playbook } from '../playbook.types.js';
import { stappenplanSextingV1 } from './stappenplan-sexting.v1.js';
import { stappenplanSextingV2 } from './stappenplan-sexting.v2.js';
import { stappenplanSextingV3 } from './stappenplan-sexting.v3.js';

/** Built-in playbooks, newest version last. A school's file may replace or extend them. */
export const BUILTIN_PLAYBOOKS: readonly Playbook[] = [
  stappenplanSextingV1,
  stappenplanSextingV2,
  stappenplanSextingV3,
];

export const DEFAULT_PLAYBOOK: Playbook = stappenplanSextingV3;
