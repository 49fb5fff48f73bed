/**
 * The language client's options and error handling, shared by the desktop and the web client. Loaded
 * with the client itself, after activation (./activate.ts): its values come from vscode-languageclient,
 * whose modules take most of the extension's start-up time to initialise.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  RevealOutputChannelOn,
  type BaseLanguageClient,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import type { Decision, RestartPolicy } from './restartPolicy';
import { okrSchemes } from './schemes';
import { okrDocumentSelector } from './selector';

/** The id `okr` makes `okr.trace.server` the trace setting. */
export const CLIENT_ID = 'okr';
export const CLIENT_NAME = 'OKR Language Server';

let channel: vscode.LogOutputChannel | undefined;

export function clientOptions(restarts: RestartPolicy, tell: Tell): LanguageClientOptions {
  return {
    documentSelector: okrDocumentSelector(okrSchemes()),
    // One channel for every client of the session (a restart makes a new one): its log stays.
    outputChannel: (channel ??= vscode.window.createOutputChannel(CLIENT_NAME, { log: true })),
    // A dead server is restarted (a few times), and the user is told once, not on every failure.
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        const decision = restarts.closed();
        tell(decision);
        const action = decision.action === 'restart' ? CloseAction.Restart : CloseAction.DoNotRestart;
        return { action, message: decision.log, handled: true };
      },
    },
    // Failed requests and the like go to the output channel, never to a pop-up.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      tell(restarts.initializationFailed(error));
      return false;
    },
  };
}

/**
 * The client's errors: only those it forces on screen are shown, and only while the restart policy
 * allows one (the one stop message); everything else goes to the output channel.
 */
export function quieten<C extends BaseLanguageClient>(client: C, restarts: RestartPolicy): C {
  const error = client.error.bind(client);
  client.error = (message, data, showNotification = true) =>
    error(message, data, showNotification === 'force' && restarts.mayShowError() ? 'force' : false);
  return client;
}

/** Tells the user what the restart policy decided (at most once per kind). */
export type Tell = (decision: Decision) => void;
