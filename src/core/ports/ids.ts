import { randomUUID } from 'node:crypto';

/** Source of new ids; tests may pass a predictable one. */
export interface IdGenerator {
  newId(): string;
}

export const uuidGenerator: IdGenerator = { newId: () => randomUUID() };
