import type { MethodName, Output, ParsedInput } from '../../preload/contract.js';

export type Handler<K extends MethodName> = (input: ParsedInput<K>) => Output<K> | Promise<Output<K>>;
export type Handlers = { [K in MethodName]: Handler<K> };
