// `npm start`: build if needed, then serve (migrations and demo data are handled by serve.mjs).
import { fileURLToPath } from 'node:url';
import { buildIfChanged } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
buildIfChanged(root);
await import('./serve.mjs');
