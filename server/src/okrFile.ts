/**
 * Reading an OKR file, for the workspace index (from disk or, in the browser, through the editor) and
 * the CLI alike: only a regular file, not read at all when it is certainly over the size limit, decoded
 * as UTF-8 with a `file-encoding` finding when it is not valid UTF-8 (never silent U+FFFD). Where the
 * bytes come from is the caller's: a path on disk (./node/fileAccess) or a URI the client reads.
 */
import { parseOkr, type ParsedFile } from './service';
import { decodeUtf8 } from './service/encoding';
import { DEFAULT_MAX_FILE_SIZE, tooLarge, type SliceCache } from './service/parse/parseFile';

/** What a read asks of a file system, for a file named the way that file system names them. */
export interface ReadableFiles {
  stat(file: string): Promise<{ isFile(): boolean; readonly size: number }>;
  readFile(file: string): Promise<Uint8Array>;
}

/** A path-based file system (Node's, or a test's that simulates failures). */
export interface FileSystem extends ReadableFiles {
  stat(file: string): Promise<{ isFile(): boolean; isDirectory(): boolean; readonly size: number }>;
  realpath(file: string): Promise<string>;
}

/** Thrown for a path that exists but is not a regular file (a folder, a FIFO, a socket, a device). */
export class NotAFileError extends Error {
  readonly code = 'ENOTFILE';
  constructor(readonly path: string) {
    super(`${path} is not a regular file`);
  }
}

export interface ReadOptions {
  readonly maxFileSize?: number;
  readonly cache?: SliceCache;
  readonly fileSystem: ReadableFiles;
}

/**
 * A regular file's text, decoded as UTF-8 (with a `file-encoding` finding when it is not valid UTF-8), or
 * its size when that is certainly over `max` (it is not read). I/O errors and NotAFileError are thrown.
 */
export async function readOkrText(
  file: string,
  fileSystem: ReadableFiles,
  max = DEFAULT_MAX_FILE_SIZE,
): Promise<ReturnType<typeof decodeUtf8> | { tooLarge: number }> {
  const stat = await fileSystem.stat(file);
  // A FIFO would block the read forever; a folder cannot be read.
  if (!stat.isFile()) throw new NotAFileError(file);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: past 3 × the limit the text is over it for sure.
  if (stat.size > 3 * max) return { tooLarge: stat.size };
  return decodeUtf8(await fileSystem.readFile(file));
}

/** Reads and parses a file; I/O errors (ENOENT, EACCES, NotAFileError …) are thrown to the caller. */
export async function readOkrFile(file: string, options: ReadOptions): Promise<ParsedFile> {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const read = await readOkrText(file, options.fileSystem, max);
  if ('tooLarge' in read) return tooLarge('', read.tooLarge, max);
  const parsed = parseOkr(read.text, options.cache, { maxFileSize: max });
  return read.finding ? { ...parsed, findings: [read.finding, ...parsed.findings] } : parsed;
}

/** Errors that mean "there is no file to read here" rather than "it could not be read". */
const NOT_THERE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP', 'ENOTFILE']);

/**
 * What the workspace index keeps for a file that failed to read: nothing when there is no file there
 * (gone, a folder, a FIFO), else a `file-unreadable` finding with the reason (permission denied, I/O).
 */
export function unreadableFile(error: unknown): ParsedFile | undefined {
  const raw = (error as { code?: unknown } | undefined)?.code;
  const code = typeof raw === 'string' ? raw : undefined;
  if (code && NOT_THERE.has(code)) return undefined;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : error instanceof Error
        ? error.message
        : String(error);
  const empty = parseOkr('');
  return {
    ...empty,
    findings: [
      {
        code: 'file-unreadable',
        message: `okr-lens could not read this file: ${reason}${code ? ` (${code})` : ''}. Its ids are missing from the workspace until it can be read.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
  };
}
