/** Why a workspace file could not be opened; the file is left untouched in every case. */
export type WorkspaceErrorCode = 'not_found' | 'not_steerco' | 'newer_schema' | 'corrupt' | 'locked' | 'exists';

export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** A write refused by a rule; nothing was written. `field` names the cell when there is one. */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly issues: { field?: string; row?: string; message: string }[] = [{ message }],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * A file or folder the app was pointed at cannot be used: missing, not a regular file, no
 * permission, a NUL byte in its name… `exists` is its own case: the target exists and the
 * user has not confirmed replacing it. The message names the path and the reason, never
 * the file's contents.
 */
export class FileError extends Error {
  constructor(
    readonly reason: 'exists' | 'bad_path',
    message: string,
  ) {
    super(message);
    this.name = 'FileError';
  }
}

/** A write the acting person has no right to make (an administrator's, an approver's…); nothing was written. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
