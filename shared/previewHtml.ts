/**
 * The preview's HTML, for the VS Code webview and for `okr tree --format html` alike: one page that
 * loads the same renderer (client/webview) under a strict Content-Security-Policy with a fresh nonce.
 * Only the wrapper differs: the webview links its script and stylesheet from the extension's media
 * folder; the export inlines them, with a theme of its own, so the file works offline.
 */
import type { AlignmentTree, DiagnosticCounts } from './protocol';

export interface PreviewHtmlOptions {
  readonly nonce: string;
  /** Where the stylesheet and script come from: webview URIs, or their text inlined. */
  readonly assets:
    | { readonly kind: 'linked'; readonly cspSource: string; readonly scriptUri: string; readonly styleUri: string }
    | { readonly kind: 'inline'; readonly script: string; readonly style: string; readonly theme: string };
  /** Data to render at once (the export); the webview gets its data by message instead. */
  readonly initial?: { readonly tree: AlignmentTree; readonly counts: DiagnosticCounts; readonly title?: string };
  readonly title?: string;
}

/** JSON that can sit inside a <script> element: no `</script>`, no HTML comment openers. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function previewHtml(o: PreviewHtmlOptions): string {
  const n = escapeAttr(o.nonce);
  const linked = o.assets.kind === 'linked' ? o.assets : undefined;
  const inline = o.assets.kind === 'inline' ? o.assets : undefined;
  const csp = [
    "default-src 'none'",
    linked ? `style-src ${linked.cspSource}` : `style-src 'nonce-${n}'`,
    `script-src 'nonce-${n}'`,
    linked ? `img-src ${linked.cspSource} data:` : 'img-src data:',
    linked ? `font-src ${linked.cspSource}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const head = linked
    ? `<link rel="stylesheet" href="${escapeAttr(linked.styleUri)}">`
    : `<style nonce="${n}">${inline!.theme}\n${inline!.style}</style>`;
  const script = linked
    ? `<script nonce="${n}" src="${escapeAttr(linked.scriptUri)}"></script>`
    : `<script nonce="${n}">${inline!.script.replace(/<\/script/gi, '<\\/script')}</script>`;
  const data = o.initial ? `<script type="application/json" id="okr-initial">${scriptJson(o.initial)}</script>` : '';
  const title = escapeAttr(o.title ?? 'OKR alignment');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body data-host="${linked ? 'vscode' : 'static'}">
<main id="app" aria-label="${title}"></main>
${data}
${script}
</body>
</html>
`;
}
