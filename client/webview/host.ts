/**
 * Who the preview talks to: VS Code (`acquireVsCodeApi`) inside a webview, or nobody in the static
 * export (`okr tree --format html`), where messages go nowhere and the state lives in memory.
 */
import { TRACKING_STATUSES, type FromWebview, type PreviewState, type TrackingStatus } from '../../shared/protocol';

export interface Host {
  /** `vscode` inside a webview, `static` in an exported page. */
  readonly kind: 'vscode' | 'static';
  post(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export function connectHost(): Host {
  // Defined by VS Code in a webview, and by nothing in the static export.
  const acquire = (globalThis as { acquireVsCodeApi?: unknown }).acquireVsCodeApi;
  if (typeof acquire === 'function') {
    const api = (acquire as () => VsCodeApi)();
    return {
      kind: 'vscode',
      post: (message) => api.postMessage(message),
      getState: () => asState(api.getState()),
      setState: (state) => api.setState(state),
    };
  }
  let memory: PreviewState | undefined;
  return {
    kind: 'static',
    post: () => undefined,
    getState: () => memory,
    setState: (state) => {
      memory = state;
    },
  };
}

/** A saved state as far as it is well-formed; anything else is dropped (a state from another version). */
export function asState(value: unknown): PreviewState | undefined {
  if (!isRecord(value)) return undefined;
  const filters = isRecord(value.filters) ? value.filters : {};
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    view: value.view === 'tenet' ? 'tenet' : 'alignment',
    filters: {
      owner: text(filters.owner),
      tenet: text(filters.tenet),
      team: text(filters.team),
      text: text(filters.text),
      status: TRACKING_STATUSES.includes(filters.status as TrackingStatus)
        ? (filters.status as TrackingStatus)
        : undefined,
    },
    collapsed: Array.isArray(value.collapsed) ? value.collapsed.filter((c): c is string => typeof c === 'string') : [],
    scrollTop: typeof value.scrollTop === 'number' && Number.isFinite(value.scrollTop) ? value.scrollTop : 0,
    file: text(value.file),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
