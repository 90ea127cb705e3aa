// Entry point of the verify action (verify/action.yml runs verify/dist/index.js): reads the
// inputs, then loads the rest. The only module of the verify action with top-level effects.
import { readVerifyInputs } from './inputs.js';

const raw = readVerifyInputs();
const { runVerifyAction } = await import('./action.js');
await runVerifyAction(raw);
// Everything is written (outputs and summary synchronously or awaited, stdout is synchronous on
// Linux pipes and files): exit now rather than wait ~50 ms for idle keep-alive sockets to the
// registry to close.
process.exit();
