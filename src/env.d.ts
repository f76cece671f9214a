/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    sessionId: string | null;
    actor: import('./lib/server/auth/scope.ts').Actor | null;
    /** The text fields of a form posted to an action, so a page can fill the form again after an error. */
    submitted?: Record<string, string>;
  }
}
