// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  // The site's handler runs inside scripts/http-server.mjs, which serves the built assets itself.
  adapter: node({ mode: 'middleware' }),
  // Forms post to the site itself only: Astro refuses cross-site form posts.
  // Photos may be up to 10 MB each (src/lib/server/photos.ts) and a visit record takes four: the limit leaves
  // room for the rest of the form, so a larger photo is refused by the site's own check, with its own message.
  security: { checkOrigin: true, actionBodySizeLimit: 42 * 1024 * 1024 },
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
