import { reminderStoreContract } from '../../support/contracts/reminder-store.contract.js';

// All three stores in one file, so a case that fails on one of them shows next to the others.
reminderStoreContract();
