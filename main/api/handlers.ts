import type { MethodName, Output, ParsedInput } from '../../preload/contract.js';
import type { ApiSession } from './session.js';

export type Handler<K extends MethodName> = (input: ParsedInput<K>) => Output<K> | Promise<Output<K>>;
export type Handlers = { [K in MethodName]: Handler<K> };
/** A feature's part of the handler table, built over the shared session. */
export type HandlerGroup<K extends MethodName> = (s: ApiSession) => { [P in K]: Handler<P> };
