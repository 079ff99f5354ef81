import fc from 'fast-check';
import { expect } from 'vitest';
import type { App } from '../../../src/app.js';
import {
  crashCounter,
  diffCount,
  type FuzzReport,
  fire,
  type Mutation,
  mutate,
  mutations,
  printReport,
  snapshotIncident,
} from './fuzz-values.js';

/** One door of the app and what is thrown at it. */
export interface FuzzDoor<T> {
  /** How the figures are headed, e.g. `/slack/events (signed, mutated)`. */
  name: string;
  app: App;
  /** The incident none of the senders is a member of: it must not change. */
  incidentId: string;
  /** Real requests, before mutation. */
  requests: fc.Arbitrary<T>;
  /** Real ids (incidents, people, messages) the mutations put in the wrong places. */
  ids: readonly string[];
  runs: number;
  send: (request: T) => Promise<{ status: number; text: string }>;
  /** How a request is mutated where plain `mutate` does not fit its shape. */
  mutate?: (request: T, list: readonly Mutation[]) => T;
  concurrency?: number;
  /** 5xx answers the door's protocol prescribes for a request (counted, not failures). */
  prescribed?: (request: T, status: number) => boolean;
  /** Waits until the app's follow-up work is done. */
  settle(report: FuzzReport): Promise<void>;
  /** A change to the incident that is allowed whoever sent it, and how it is named in the figures. */
  allowed?: { name: string; line: (line: string) => boolean };
}

/**
 * Fires the door's mutated requests and holds it to its promise: no 5xx, no crash of the process
 * and no change to the incident. Returns the incident's snapshot afterwards, allowed changes and
 * all, for a check that the diff would have seen a real change.
 */
export async function fuzzDoor<T>(door: FuzzDoor<T>): Promise<string[]> {
  const before = await snapshotIncident(door.app, door.incidentId);
  const crashes = crashCounter();
  const change = door.mutate ?? mutate;
  const mutated = fc.tuple(door.requests, mutations(door.ids)).map(([base, list]) => change(base, list));
  let report: FuzzReport;
  try {
    report = await fire(mutated, door.runs, door.send, door.concurrency, door.prescribed);
    await door.settle(report);
  } finally {
    crashes.stop();
  }
  const everything = await snapshotIncident(door.app, door.incidentId);
  const allowed = door.allowed;
  const after = allowed
    ? everything.filter((line) => before.includes(line) || !allowed.line(line))
    : everything;
  printReport(door.name, report, crashes.count(), diffCount(before, after));
  if (allowed) console.log(`${allowed.name}   ${everything.filter(allowed.line).length}\n`);
  expect(report.failures).toEqual([]);
  expect(crashes.count()).toBe(0);
  expect(after).toEqual(before);
  return everything;
}

/**
 * An invoke whose name the bot does not handle gets botbuilder's 501 Not Implemented (no
 * InvokeResponse was set); Teams itself only sends the names the manifest declares.
 */
export function unknownInvoke(sent: Record<string, unknown>, status: number): boolean {
  return status === 501 && sent.type === 'invoke' && sent.name !== 'adaptiveCard/action';
}
