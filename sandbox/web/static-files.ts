/**
 * The page's files, from sandbox/web/public/: `/` is index.html, `/web/<name>` the rest. Only
 * plain names with a known type are served, so no request can reach outside the folder.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

/** The page is local and offline: it loads nothing from elsewhere, and may only talk to this server. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The file a path names, or undefined when it is not one of the page's files. */
export function publicFileName(pathname: string): string | undefined {
  if (pathname === '/' || pathname === '/index.html') return 'index.html';
  const match = /^\/web\/([a-z0-9][a-z0-9-]*\.(?:css|js|svg|html))$/.exec(pathname);
  return match?.[1];
}

/** Serves the named file of public/; answers false when there is no such file. */
export async function servePublicFile(response: ServerResponse, name: string, method: string): Promise<boolean> {
  let data: Buffer;
  try {
    data = await readFile(PUBLIC_DIR + name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const extension = name.slice(name.lastIndexOf('.') + 1);
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'content-length': data.length,
    // Read from disk on every request, so an edited file shows on reload.
    'cache-control': 'no-cache',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  });
  response.end(method === 'HEAD' ? undefined : data);
  return true;
}
