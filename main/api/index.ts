import { measuresExportHandlers } from './measures-export.js';
import { measuresImportHandlers } from './measures-import.js';
import { contract, isMethodName, type MethodName, type Output } from '../../preload/contract.js';
import { ApiError, toApiError } from './errors.js';
import type { Handlers } from './handlers.js';
import { gateHandlers } from './gates.js';
import { gateConfigHandlers } from './gates-config.js';
import { gateEvidenceHandlers } from './gates-evidence.js';
import { hierarchyHandlers } from './hierarchy.js';
import { historyHandlers } from './history.js';
import { measureHandlers } from './measures.js';
import { packHandlers } from './pack.js';
import { peopleHandlers } from './people.js';
import { ApiSession, type SessionOptions } from './session.js';
import { syncHandlers } from './sync.js';
import { workspaceHandlers } from './workspace.js';
import { raidFeatureHandlers } from './raid-index.js';
import { gridFeatureHandlers } from './grid-feature.js';
import { valueHandlers } from './value.js';
import { templateHandlers } from './templates.js';
import { templateGridHandlers } from './template-grid.js';
import { rightsHandlers } from './rights.js';
import { kpiHandlers } from './kpis.js';

export { ApiError, toApiError } from './errors.js';
export { ApiSession, type SessionOptions, type ShellCapabilities } from './session.js';

export interface Api {
  session: ApiSession;
  handlers: Handlers;
  /** Parses the input with the method's schema, runs the handler, maps errors to ApiError. */
  call<K extends MethodName>(method: K, input: unknown): Promise<Output<K>>;
  /** Same as call, for a method name that came from outside (HTTP path, IPC channel). */
  callUnknown(method: string, input: unknown): Promise<unknown>;
  close(): void;
}

/** Bounds on any input, before its schema runs: nesting depth and the number of values in it. */
export const INPUT_LIMITS = { depth: 32, values: 2_000_000 };

/**
 * Refuses an input nested deeper or larger than any method takes (a schema would walk it all
 * first): from the HTTP host, IPC or a caller holding the token. Iterative, so a deep input
 * cannot overflow the stack either.
 */
function checkInputShape(input: unknown): void {
  const stack: [unknown, number][] = [[input, 0]];
  let values = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++values > INPUT_LIMITS.values) throw new ApiError({ code: 'bad_input', message: `The input has more than ${INPUT_LIMITS.values.toLocaleString('en')} values; send it in parts.` });
    if (v === null || typeof v !== 'object') continue;
    if (depth >= INPUT_LIMITS.depth) throw new ApiError({ code: 'bad_input', message: `The input is nested more than ${INPUT_LIMITS.depth} levels deep.` });
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
}

export function createApi(options: SessionOptions): Api {
  const session = new ApiSession(options);
  const handlers: Handlers = {
    ...workspaceHandlers(session),
    ...hierarchyHandlers(session),
    ...measureHandlers(session),
    ...peopleHandlers(session),
    ...historyHandlers(session),
    ...raidFeatureHandlers(session),
    ...gateHandlers(session),
    ...gateEvidenceHandlers(session),
    ...gateConfigHandlers(session),
    ...gridFeatureHandlers(session),
    ...measuresExportHandlers(session),
    ...measuresImportHandlers(session),
    ...valueHandlers(session),
    ...syncHandlers(session),
    ...packHandlers(session),
    ...templateHandlers(session),
    ...templateGridHandlers(session),
    ...rightsHandlers(session),
    ...kpiHandlers(session),
  };
  const call = async <K extends MethodName>(method: K, input: unknown): Promise<Output<K>> => {
    try {
      checkInputShape(input);
      // A call on a new local day first brings the derived statuses up to it.
      session.checkDay();
      const parsed = contract[method].input.parse(input ?? {}) as never;
      const handler = handlers[method] as (i: never) => Output<K> | Promise<Output<K>>;
      return await handler(parsed);
    } catch (e) {
      throw toApiError(e);
    }
  };
  return {
    session,
    handlers,
    call,
    callUnknown: (method, input) => {
      if (!isMethodName(method)) return Promise.reject(new ApiError({ code: 'not_found', message: `Unknown method ${method}` }));
      return call(method, input);
    },
    close: () => session.detach(),
  };
}
