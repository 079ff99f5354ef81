import { describeContract } from './contract-targets.js';
import { reminderCaseTools } from './reminder-cases.tools.js';
import { reminderDeliveryCases } from './reminder-delivery.contract.js';
import { reminderScheduleCases } from './reminder-schedule.contract.js';

/** The reminder schedule port: the same cases in memory, on PGlite and on the PostgreSQL server. */
export function reminderStoreContract(): void {
  describeContract('the reminder store contract', (stores) => {
    const tools = reminderCaseTools(stores);
    reminderScheduleCases(tools);
    reminderDeliveryCases(tools);
  });
}
