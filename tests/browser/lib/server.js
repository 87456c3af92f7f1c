// A tiny static file server for a built site, on 127.0.0.1 and a free port, made with node's own
// `http` module: it serves the files exactly as written (unlike `griffie serve`, which injects its
// live-reload script), as a static host would.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

/// The file that answers `urlPath` under `root`, or null. Directories answer with their
/// index.html; nothing outside `root` is ever served.
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    const stat = fs.statSync(full);
    if (stat.isFile()) return { file: full };
    if (stat.isDirectory()) {
      if (!urlPath.endsWith('/')) return { redirect: urlPath + '/' };
      const index = path.join(full, 'index.html');
      return fs.existsSync(index) ? { file: index } : null;
    }
  } catch {
    return null;
  }
  return null;
}

/// Serves `siteDir` under `basePath` (e.g. "/" or "/raad/"); resolves to
/// { origin, url(path), close() } once it listens.
function serve(siteDir, basePath = '/') {
  const root = path.resolve(siteDir);
  const notFound = path.join(root, '404.html');
  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url, 'http://127.0.0.1').pathname;
    const found = urlPath.startsWith(basePath)
      ? resolveFile(root, urlPath.slice(basePath.length - 1))
      : null;
    if (found && found.redirect) {
      res.writeHead(301, { Location: basePath.slice(0, -1) + found.redirect });
      res.end();
      return;
    }
    const file = found ? found.file : fs.existsSync(notFound) ? notFound : null;
    const status = found ? 200 : 404;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        url: (sitePath) => origin + basePath.slice(0, -1) + sitePath,
        close: () => new Promise((done) => {
          server.close(done);
          server.closeAllConnections();
        }),
      });
    });
  });
}

module.exports = { serve };
