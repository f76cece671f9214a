// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { FORM_BODY_LIMIT_BYTES } from './src/lib/server/forms/form-body.ts';

export default defineConfig({
  output: 'server',
  // The site's handler runs inside scripts/http-server.mjs, which serves the built assets itself.
  adapter: node({ mode: 'middleware' }),
  // Forms post to the site itself only: Astro refuses cross-site form posts.
  // The largest form the site reads (src/lib/server/forms/form-body.ts).
  security: { checkOrigin: true, actionBodySizeLimit: FORM_BODY_LIMIT_BYTES },
  i18n: {
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    routing: { prefixDefaultLocale: false },
  },
  trailingSlash: 'ignore',
  // Every script is a file of the site's own, never inline, so the pages' policy can say script-src 'self'.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
});
