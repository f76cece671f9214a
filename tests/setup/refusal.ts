// The domain error a piece of work is refused with, to compare its field and message; no refusal fails the test.
import { DomainError } from '../../src/lib/server/errors.ts';

export function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('not refused');
}

/** What a piece of work (awaited) was refused with, as "message field", or 'accepted' when it was not. */
export async function refusedWith(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) return `${error.message} ${error.field ?? ''}`.trim();
    throw error;
  }
  return 'accepted';
}
