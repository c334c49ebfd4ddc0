// Security headers on every response (@fastify/helmet): a Content-Security-Policy that allows
// only our own hashed scripts and stylesheets (no inline code, no eval), no framing, and a
// referrer policy that sends only the origin to other sites.
import fastifyHelmet from '@fastify/helmet';
import type { App } from '../app-type.ts';

/** The site's policy; /api/docs relaxes style-src only (see API_DOCS_CSP). */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  // The favicon is an inline SVG data URL.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  // The future embed route is the one page that will allow framing.
  'frame-ancestors': ["'none'"],
} as const;

export async function registerSecurityHeaders(app: App): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONTENT_SECURITY_POLICY },
    },
    // Same-origin pages only: nothing of ours is meant to be loaded by other origins' pages.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    // A self-hosted instance may run on plain HTTP inside a network; operators add HSTS at
    // their TLS terminator (docs/operations.md).
    strictTransportSecurity: false,
  });
}

/**
 * Swagger UI (a third-party React app) sets style attributes: its pages alone may use inline
 * styles. Scripts stay 'self' only.
 */
export function relaxStylesForApiDocs(header: string): string {
  return header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}
