// The HTTP server in front of the built site. The site's own files (dist/client: scripts, styles) are known
// when it starts, so only requests for one of them touch the disk; every other request goes straight to
// the site's handler, without first looking for a file of that name. Answers are compressed (brotli or gzip)
// for clients that accept it: pages, data and scripts are text, and a phone on a village's network feels it.
// Answers to posts are not: a form's is a redirect and an action's a few bytes of JSON, and wrapping them
// in the compressor cost a few per cent of a sign-up.
import compression from 'compression';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative, sep } from 'node:path';
import send from 'send';

/** Every file under `root`, as the URL path it is served at. */
function filesUnder(root) {
  return new Set(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')}`),
  );
}

export function startHttpServer({ handler, clientDir, host, port }) {
  const files = filesUnder(clientDir);
  const compress = compression();
  const server = createServer((req, res) => (req.method === 'POST' ? serve(req, res) : compress(req, res, () => serve(req, res))));
  function serve(req, res) {
    let path;
    try {
      path = decodeURI(new URL(req.url ?? '/', 'http://site').pathname);
    } catch {
      res.writeHead(400).end('Bad request.');
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && files.has(path)) {
      send(req, path, { root: clientDir, dotfiles: 'deny' })
        // Built assets carry a content hash in their name, so browsers may keep them for good.
        .on('headers', (response) => {
          response.setHeader('X-Content-Type-Options', 'nosniff');
          if (path.startsWith('/_astro/')) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        })
        .pipe(res);
      return;
    }
    handler(req, res);
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
