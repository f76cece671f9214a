// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
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
