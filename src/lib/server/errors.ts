// Errors that domain functions throw for the user to read. `message` is a dictionary key, or one with its
// parameters made by `message()` (src/lib/validation/fields.ts); `field` the form field it belongs beside.
import type { EncodedMessage } from '../validation/fields.ts';

export type DomainErrorStatus = 400 | 403 | 404 | 409 | 410 | 429;

export class DomainError extends Error {
  readonly field: string | null;
  readonly status: DomainErrorStatus;
  constructor(message: EncodedMessage, field: string | null = null, status: DomainErrorStatus = 400) {
    super(message);
    this.name = 'DomainError';
    this.field = field;
    this.status = status;
  }
}

/**
 * The answer of an endpoint that sends data (a file, a feed) to a refusal: its status and no body, so nothing of
 * what was refused leaks; anything else is a server error and goes on to the 500 handler. Pages answer with
 * their 403 and 404 pages instead (page.ts).
 */
export function refusalResponse(error: unknown): Response {
  if (error instanceof DomainError) return new Response(null, { status: error.status });
  throw error;
}

export class ForbiddenError extends DomainError {
  constructor() {
    super('error.forbidden', null, 403);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends DomainError {
  constructor() {
    super('error.notFound', null, 404);
    this.name = 'NotFoundError';
  }
}
