import type { z } from 'zod';

/** One method of the contract: its input schema, and its output type (type-level only). */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom field carrying the output type; never set at run time. */
  readonly __out?: O;
}

/** `method<Out>()(inputSchema)` — curried so the output type is explicit and the input inferred. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input });

/** The error every transport returns for a refused call. */
export interface ApiErrorBody {
  /** `exists`: the target file exists; ask the user, then call again with `overwrite: true`. `file`: a path that cannot be used (the message says why). */
  code: 'bad_input' | 'validation' | 'not_found' | 'workspace' | 'no_workspace' | 'unsupported' | 'forbidden' | 'exists' | 'file' | 'internal';
  message: string;
  issues?: { field?: string; row?: string; message: string }[];
}
