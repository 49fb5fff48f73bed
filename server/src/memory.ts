/**
 * How V8 trades memory for speed in the server, around start-up and the workspace scan.
 *
 * Starting up and indexing keep most of what they allocate, so V8's young generation grows to its 32 MB
 * maximum and stays there: a fifth of the server's memory in a workspace of a thousand files. Favouring
 * size from the start until the scan is done keeps it at half that (and collects the old generation
 * sooner). That costs speed, which a scan of a few thousand files hardly notices but a bigger scan and the
 * editing after any scan would (an edit re-checking 2,000 files took three times as long, edits in a large
 * open file twice as long): so it covers start-up, scans of up to 3,000 files, and ends with the scan.
 * `npm run bench` measures both sides (peak memory and the times of the 1,000- and 10,000-file workspaces
 * and of single large files).
 */
import { setFlagsFromString } from 'node:v8';

/** Scans of more files than this run at V8's defaults. */
const FAVOUR_SIZE_UP_TO = 3000;

let favouringSize = false;

function favourSize(on: boolean): void {
  if (on === favouringSize) return;
  favouringSize = on;
  setFlagsFromString(on ? '--optimize-for-size' : '--no-optimize-for-size');
}

/** The scan found `files` OKR files and is about to read them. */
export function indexing(files: number): void {
  favourSize(files > 0 && files <= FAVOUR_SIZE_UP_TO);
}

/** The scan and its first workspace pass are done. */
export function indexed(): void {
  favourSize(false);
}

// From the start until the scan knows how big the workspace is: loading the server allocates in bursts too.
favourSize(true);
