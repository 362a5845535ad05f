/** Debian's Chromium, headless, with the flags this machine needs (no GPU, no network chatter). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL through SwiftShader: cornerstone renders with it when no GPU is present.
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];
