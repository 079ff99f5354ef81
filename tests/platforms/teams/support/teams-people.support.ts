import { type Person, TEAM_ID } from './fake-microsoft.js';

/** The colleagues in the fake school's team; none of them is in an incident until invited. */
export const ANNA: Person = { aad: 'aad-anna', name: 'Anna' };
export const BAS: Person = { aad: 'aad-bas', name: 'Bas' };
export const CARLA: Person = { aad: 'aad-carla', name: 'Carla' };
export const DIRK: Person = { aad: 'aad-dirk', name: 'Dirk' };
/** The team's general channel, where incidents are asked for. */
export const GENERAL = TEAM_ID;
