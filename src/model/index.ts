/** The reference model of CICS, RACF and z/OS Connect for IPIC security: pure functions, no I/O. */
export * from './site';
export * from './options';
export * from './trace';
export { acquireConnection, type ConnectionDecision, type ConnectionStage } from './connection';
export { decideRequest, type RequestDecision, type RefusedBy } from './request';
export { installProblems } from './install';
export { startupFailure } from './startup';
export { checkedSet, taskUser, type LinkContext } from './aor-checks';
export type { HttpCaller } from './zos-connect';
export type { RacfUpdate, Flowed } from './user-security';
