/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    sessionId: string | null;
    actor: import('./lib/server/auth/scope.ts').Actor | null;
    /** The client's address when TRUSTED_PROXIES says how the site is reached, else null. */
    clientAddress: string | null;
    /** Every value of each text field of a form posted to an action, so a page can fill the form again after an error. */
    submitted?: Record<string, string[]>;
    /** How many files came with that form: a refused form cannot show them again, and says so. */
    attachedFiles?: number;
  }
}

// heic-decode ships no types: it decodes the first image of a HEIC file to RGBA pixels.
declare module 'heic-decode' {
  export default function decode(input: { buffer: ArrayBuffer | Uint8Array }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
