import { z } from 'zod';
import { FileError, ForbiddenError, NotFoundError, ValidationError, WorkspaceError } from '../../db/errors.js';
import { fileError } from '../../db/files.js';
import type { ApiErrorBody } from '../../preload/contract.js';

/** An error every transport can carry: HTTP status, IPC error payload, CLI message. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }

  get status(): number {
    switch (this.body.code) {
      case 'bad_input':
      case 'validation':
        return 400;
      case 'file':
        return 400;
      case 'forbidden':
        return 403;
      case 'exists':
        return 409;
      case 'not_found':
        return 404;
      case 'workspace':
      case 'no_workspace':
        return 409;
      case 'unsupported':
        return 501;
      default:
        return 500;
    }
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof z.ZodError) {
    return new ApiError({
      code: 'bad_input',
      message: z.prettifyError(e),
      issues: e.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  if (e instanceof ValidationError) return new ApiError({ code: 'validation', message: e.message, issues: e.issues });
  if (e instanceof NotFoundError) return new ApiError({ code: 'not_found', message: e.message });
  if (e instanceof ForbiddenError) return new ApiError({ code: 'forbidden', message: e.message });
  if (e instanceof WorkspaceError) return new ApiError({ code: e.code === 'exists' ? 'exists' : 'workspace', message: e.message });
  if (e instanceof FileError) return new ApiError({ code: e.reason === 'exists' ? 'exists' : 'file', message: e.message });
  const errno = (e as NodeJS.ErrnoException | null)?.code;
  const path = (e as NodeJS.ErrnoException | null)?.path;
  // A file-system error that reached here unhandled is still the user's path, not a crash.
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno) && typeof path === 'string') return toApiError(fileError(e, path));
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError({ code: 'internal', message: `Internal error: ${message}` });
}
