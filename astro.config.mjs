// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  // The site's handler runs inside scripts/http-server.mjs, which serves the built assets itself.
  adapter: node({ mode: 'middleware' }),
  // Forms post to the site itself only: Astro refuses cross-site form posts.
  security: { checkOrigin: true },
  i18n: {
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    routing: { prefixDefaultLocale: false },
  },
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
});
