import { opendirSync, statSync } from "node:fs";
import { join } from "node:path";

/** A log file to read, with its size for progress reporting. */
export interface LogFile {
  readonly path: string;
  readonly bytes: number;
}

const LOG_EXTENSIONS = [".log.txt", ".log.html"];

function isLog(name: string): boolean {
  return LOG_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/**
 * Expands files and directories into the meeting logs they hold, lazily (an archive of any size is
 * never listed into memory at once; one directory's names at a time). A file named on the command
 * line is taken whatever its name; inside directories only `.log.txt` and `.log.html` count, and a
 * `.log.html` is skipped when the `.log.txt` of the same meeting sits beside it (the same lines, in
 * the bot's exact form). Synchronous on purpose: the importer writes SQLite synchronously in one
 * bulk transaction scope, and a CLI gains nothing from interleaving here.
 */
export function* findLogs(inputs: readonly string[]): Generator<LogFile> {
  for (const input of inputs) {
    let info;
    try {
      info = statSync(input);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === "ENOENT" ? "no such file or directory" : (err as Error).message;
      throw new Error(`${input}: ${reason}`, { cause: err });
    }
    if (info.isDirectory()) yield* walk(input);
    else yield { path: input, bytes: info.size };
  }
}

function* walk(dir: string): Generator<LogFile> {
  const names: string[] = [];
  const subdirs: string[] = [];
  const handle = opendirSync(dir);
  try {
    for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
      if (entry.isDirectory()) subdirs.push(entry.name);
      else if (entry.isFile() && isLog(entry.name)) names.push(entry.name);
    }
  } finally {
    handle.closeSync();
  }
  // Sorted, so that imports and outputs come in a stable order (date directories sort by date).
  names.sort();
  subdirs.sort();
  const present = new Set(names);
  for (const name of names) {
    const twin = name.slice(0, -".log.html".length) + ".log.txt";
    if (name.endsWith(".log.html") && present.has(twin)) continue;
    const path = join(dir, name);
    yield { path, bytes: statSync(path).size };
  }
  for (const sub of subdirs) yield* walk(join(dir, sub));
}
