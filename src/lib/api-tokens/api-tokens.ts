// Tokens for other systems (a media centre's screen, the province's platform) to pull tallies.
import { z } from 'zod';
import { message, requiredText } from '../validation/fields.ts';

export const issueApiTokenSchema = z.object({
  institutionId: z.coerce.number({ error: message('validation.choice') }).int().positive({ error: message('validation.choice') }),
  name: requiredText(60),
});
export type IssueApiTokenInput = z.output<typeof issueApiTokenSchema>;

/** The token from an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/.exec(header ?? '');
  return match ? match[1] : null;
}
