import { type CoreServices, createCoreServices } from '../../src/core/core-services.js';
import type { OpenIncidentCommand } from '../../src/core/incidents/incident.service.js';
import { BOB, type CoreFixture, createCoreFixture } from './core-fixture.js';
import { RecordingGateway } from './recording-gateway.js';

/** The core's services on a fixture, posting to a recording gateway, with the errors they report. */
export interface CoreWorld {
  fx: CoreFixture;
  core: CoreServices;
  gateway: RecordingGateway;
  errors: unknown[];
  /** An incident opened by Anna with Bob invited (unless `overrides` say otherwise), its space ready. */
  incidentId: string;
  spaceId: string;
}

/**
 * A fresh fixture and services with one incident whose space is made; the gateway's calls and the
 * errors so far are forgotten, so a test sees only what its own action did.
 */
export async function coreWorld(
  overrides: Partial<OpenIncidentCommand> = {},
  start?: string,
): Promise<CoreWorld> {
  const fx = await createCoreFixture(start);
  const gateway = new RecordingGateway();
  const errors: unknown[] = [];
  const core = createCoreServices({
    ...fx.deps,
    gatewayFor: () => gateway,
    reportError: (e) => errors.push(e),
  });
  const incident = await fx.open({ invited: [BOB], ...overrides });
  const spaceId = (await core.spaces.finishOpening(incident.id)).spaceId ?? '';
  gateway.calls.length = 0;
  return { fx, core, gateway, errors, incidentId: incident.id, spaceId };
}

/** The core's services on `fx`, posting to `gateway`; what they report goes into `errors`. */
export function coreServicesOn(
  fx: CoreFixture,
  gateway: RecordingGateway = new RecordingGateway(),
  errors: unknown[] = [],
): CoreServices {
  return createCoreServices({ ...fx.deps, gatewayFor: () => gateway, reportError: (e) => errors.push(e) });
}
