import { describeContract } from './contract-targets.js';
import { incidentStoreCases } from './incident-store.contract.js';
import { recordStoreCases } from './record-store.contract.js';
import { stepStoreCases } from './step-store.contract.js';
import { transactionStoreCases } from './transaction-store.contract.js';

/** The core's Store port: the same cases in memory, on PGlite and on the PostgreSQL server. */
export function storeContract(): void {
  describeContract('the store contract', (stores) => {
    incidentStoreCases(stores);
    stepStoreCases(stores);
    recordStoreCases(stores);
    transactionStoreCases(stores);
  });
}
