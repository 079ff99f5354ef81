import { storeContract } from '../support/contracts/store.contract.js';

// All three stores in one file, so a case that fails on one of them shows next to the others.
storeContract();
