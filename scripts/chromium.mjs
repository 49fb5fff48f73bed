// Debian's Chromium, driven by playwright-core in every browser test (the preview's and the editor's).
// These flags keep it from reaching for Google's network, which this machine's closed network refuses.
export const CHROMIUM = process.env.CHROMIUM_PATH || process.env.OKR_E2E_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
