/**
 * The studio's Content-Security-Policy, in ONE place. vite.config.ts sends it as a header (vite preview / dev) and
 * injects it as a `<meta http-equiv>` into index.html, so a static host without headers still gets it.
 *
 * What the studio needs, and nothing more:
 * - scripts and workers from its own origin; `'wasm-unsafe-eval'` to compile the TF.js WASM backend (it allows
 *   WebAssembly compilation only, NOT eval); `blob:` workers and scripts for the WASM backend's threads (their
 *   code is the backend's own, turned into a blob: URL by the engine worker);
 * - images, thumbnails and webcam frames as `blob:` / `data:` URLs of the page's own making;
 * - network: its own origin (app files, the built-in digits model and sample) and the hosts of the pretrained
 *   backbones in src/core/backbones/catalogue.ts (storage.googleapis.com: MobileNet v1/v2, Teachable Machine's
 *   MobileNet). Nothing else can be fetched, so nothing can be sent anywhere else.
 * e2e/privacy.spec.ts checks that a whole session runs without a single violation.
 */

/** Hosts the catalogue loads pretrained models from (keep in step with src/core/backbones/catalogue.ts). */
export const MODEL_HOSTS: readonly string[] = ['https://storage.googleapis.com'];

type Directives = Record<string, readonly string[]>;

const SELF = "'self'";

/** The policy of the built app, directive by directive. */
export const CSP_DIRECTIVES: Readonly<Directives> = {
  'default-src': [SELF],
  // blob: — each WASM thread imports the backend's factory script from a blob: URL the worker itself made.
  'script-src': [SELF, "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': [SELF, 'blob:'],
  'connect-src': [SELF, 'blob:', 'data:', ...MODEL_HOSTS],
  'img-src': [SELF, 'blob:', 'data:'],
  'media-src': [SELF, 'blob:'],
  'style-src': [SELF],
  'font-src': [SELF],
  'object-src': ["'none'"],
  'base-uri': [SELF],
  'form-action': ["'none'"],
};

/**
 * Only allowed in a header (a `<meta>` policy ignores them and Chromium logs an error): no framing of the studio
 * by other sites.
 */
const HEADER_ONLY: Readonly<Directives> = { 'frame-ancestors': ["'none'"] };

/**
 * Vite's dev server needs more: its HMR client talks over a WebSocket, the React plugin injects an inline
 * preamble script, and CSS is injected as `<style>` elements. Only `npm run dev` uses this.
 */
const DEV_EXTRAS: Readonly<Directives> = {
  'script-src': ["'unsafe-inline'"],
  'style-src': ["'unsafe-inline'"],
  'connect-src': ['ws:', 'wss:'],
};

function merge(...parts: Readonly<Directives>[]): Directives {
  const out: Record<string, string[]> = {};
  for (const part of parts)
    for (const [name, values] of Object.entries(part)) out[name] = [...(out[name] ?? []), ...values];
  return out;
}

const serialize = (d: Directives) =>
  Object.entries(d)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');

export interface CspOptions {
  /** The header may carry header-only directives (frame-ancestors); the meta tag may not. */
  delivery: 'header' | 'meta';
  /** `vite` dev server (HMR): see DEV_EXTRAS. */
  dev?: boolean;
}

/** The policy as one header / meta `content` string. */
export function contentSecurityPolicy({ delivery, dev = false }: CspOptions): string {
  return serialize(merge(CSP_DIRECTIVES, dev ? DEV_EXTRAS : {}, delivery === 'header' ? HEADER_ONLY : {}));
}

/** The `<meta>` element for index.html. */
export function cspMetaTag(options: Omit<CspOptions, 'delivery'> = {}): string {
  return `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ ...options, delivery: 'meta' })}" />`;
}
