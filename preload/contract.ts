/**
 * The typed API of Steerco: every method once, with its zod input schema and output
 * type, and the events. Served over Electron IPC (main/app), HTTP (main/host) and direct
 * calls (main/cli, tests) from one handler table (main/api). Feature contracts are
 * spread into `contract` below.
 */
import type { z } from 'zod';
import { coreContract, type CoreEvents } from './contract/core.js';
import type { MethodDef } from './contract/define.js';
import { gatesContract } from './contract/gates.js';
import { gridContract } from './contract/grid.js';
import { importContract, type ImportEvents } from './contract/import.js';
import type { GridEvents } from './contract/grid-types.js';
import { packContract } from './contract/pack.js';
import { raidContract } from './contract/raid.js';
import { syncContract, type SyncEvents } from './contract/sync.js';
import { valueContract } from './contract/value.js';
import { workflowContract } from './contract/workflow.js';
import { kpiContract } from './contract/kpi.js';

export * from './contract/types.js';
export * from './contract/measure-fields.js';
export * from './contract/raid-types.js';
export * from './contract/gates-types.js';
export * from './contract/grid-types.js';
export * from './contract/pack-types.js';
export * from './contract/value.js';
export * from './contract/workflow-types.js';
export * from './contract/rights-types.js';
export type * from './contract/kpi-types.js';
export * from './contract/parse.js';
export type * from './contract/import.js';
export type * from './contract/sync.js';
export type { ApiErrorBody, MethodDef } from './contract/define.js';
export type { AppInfo } from './contract/core.js';

export const contract = {
  ...coreContract,
  ...raidContract,
  ...gatesContract,
  ...gridContract,
  ...importContract,
  ...valueContract,
  ...syncContract,
  ...packContract,
  ...workflowContract,
  ...kpiContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type Output<K extends MethodName> = Contract[K] extends MethodDef<z.ZodType, infer O> ? O : never;

export type Events = CoreEvents & SyncEvents & GridEvents & ImportEvents;
export type EventName = keyof Events;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export const EVENT_NAMES: EventName[] = ['workspace:changed', 'workspace:opened', 'clock:day', 'sync:progress', 'export:progress', 'import:progress', 'import:requested'];

export function isMethodName(s: string): s is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, s);
}

/** What the preload script exposes as `window.steerco`, and the HTTP client mirrors. */
export interface SteercoBridge {
  invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
