/**
 * How V8 trades memory for speed in the server. Imported first by the server's entry, so it applies
 * while the heap is still small.
 *
 * A language server keeps what it indexes and allocates in bursts (a scan, a workspace pass), so V8's
 * young generation grows to its 32 MB maximum and stays there, a fifth of the server's memory in a
 * workspace of a thousand files. Favouring size keeps it at half that and collects the old generation
 * sooner. In a very big workspace those collections cost more than the memory they save (an edit that
 * re-checks 2,000 files took three times as long with 10,000 files indexed), so there the server goes
 * back to V8's defaults. `npm run bench` measures both.
 */
import { setFlagsFromString } from 'node:v8';

/** Above this many files, speed: a pass over a big index must not wait on the collector. */
export const FAVOUR_SPEED_ABOVE = 3000;

let favouringSize = false;

export function favourSize(on: boolean): void {
  if (on === favouringSize) return;
  favouringSize = on;
  setFlagsFromString(on ? '--optimize-for-size' : '--no-optimize-for-size');
}

/** Chooses for a workspace of `files` OKR files (called when the scan knows how many there are). */
export function sizeHeapFor(files: number): void {
  favourSize(files <= FAVOUR_SPEED_ABOVE);
}

favourSize(true);
