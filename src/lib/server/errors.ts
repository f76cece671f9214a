// Errors that domain functions throw for the user to read. `message` is a dictionary key (see
// src/lib/validation/fields.ts `message`), `field` the form field it belongs beside, if any.
export type DomainErrorStatus = 400 | 403 | 404 | 409 | 410 | 429;

export class DomainError extends Error {
  readonly field: string | null;
  readonly status: DomainErrorStatus;
  constructor(message: string, field: string | null = null, status: DomainErrorStatus = 400) {
    super(message);
    this.name = 'DomainError';
    this.field = field;
    this.status = status;
  }
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
