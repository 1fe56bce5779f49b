/** The local reference deployment: CICS IPIC listeners and a z/OS Connect stand-in, decided by the model. */
export { SANDBOX_TIMEOUTS, startSandbox, type Sandbox, type SandboxOptions } from './sandbox';
export { recordScenarios, SANDBOX_CACHE } from './record';
export type { Recording, RecordedScenario } from './recording-target';
