/**
 * The preview's entry point, in the VS Code webview and in the static export alike: connect to the
 * host, read the data the page carries (the export), render, and tell the host it is ready.
 */
import { App, type InitialData } from './app';
import { connectHost } from './host';

function initialData(): InitialData | undefined {
  const script = document.getElementById('okr-initial');
  if (!script?.textContent) return undefined;
  try {
    const data = JSON.parse(script.textContent) as Partial<InitialData> | null;
    if (!data?.tree || !Array.isArray(data.tree.objectives)) return undefined;
    return {
      tree: data.tree,
      counts: data.counts ?? {},
      title: typeof data.title === 'string' ? data.title : undefined,
    };
  } catch {
    return undefined;
  }
}

function main(): void {
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
  new App(connectHost(), root).start(initialData());
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main, { once: true });
else main();
