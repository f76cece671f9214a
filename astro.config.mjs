// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { FORM_BODY_LIMIT_BYTES } from './src/lib/server/forms/form-body.ts';

/**
 * The built server imports a page's module each time the page is asked for: Node hands back the module it
 * already holds, but only after resolving its path and format again, about a tenth of a millisecond a request
 * (a few per cent of a sign-up). Each page's module is kept from its first import instead.
 */
function pagesImportedOnce() {
  const PAGES = '\0virtual:astro:pages';
  const EXPORT = 'export { pageMap };';
  return {
    name: 'yizhen:pages-imported-once',
    apply: /** @type {const} */ ('build'),
    /** @param {string} code @param {string} id */
    transform(code, id) {
      if (id !== PAGES) return null;
      if (!code.includes(EXPORT)) throw new Error(`${PAGES} no longer ends with "${EXPORT}": see pagesImportedOnce in astro.config.mjs`);
      const once = `for (const [component, load] of pageMap) {
  let loaded;
  pageMap.set(component, () => (loaded ??= load().catch((error) => { loaded = undefined; throw error; })));
}
`;
      return code.replace(EXPORT, once + EXPORT);
    },
  };
}

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
  vite: { build: { assetsInlineLimit: 0 }, plugins: [pagesImportedOnce()] },
  devToolbar: { enabled: false },
});
