// The domain error a piece of work is refused with, to compare its field and message; no refusal fails the test.
import type { DomainError } from '../../src/lib/server/errors.ts';

export function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('not refused');
}
