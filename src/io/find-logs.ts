import { opendir, stat } from "node:fs/promises";
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
 * never listed into memory at once). A file named on the command line is taken whatever its name;
 * inside directories only `.log.txt` and `.log.html` count, and a `.log.html` is skipped when the
 * `.log.txt` of the same meeting sits beside it (the same lines, in the bot's exact form).
 */
export async function* findLogs(inputs: readonly string[]): AsyncGenerator<LogFile> {
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === "ENOENT" ? "no such file or directory" : (err as Error).message;
      throw new Error(`${input}: ${reason}`, { cause: err });
    }
    if (info.isDirectory()) yield* walk(input);
    else yield { path: input, bytes: info.size };
  }
}

async function* walk(dir: string): AsyncGenerator<LogFile> {
  const names: string[] = [];
  const subdirs: string[] = [];
  for await (const entry of await opendir(dir)) {
    if (entry.isDirectory()) subdirs.push(entry.name);
    else if (entry.isFile() && isLog(entry.name)) names.push(entry.name);
  }
  // Sorted, so that imports and outputs come in a stable order (date directories sort by date).
  names.sort();
  subdirs.sort();
  const present = new Set(names);
  for (const name of names) {
    if (name.endsWith(".log.html") && present.has(name.slice(0, -".log.html".length) + ".log.txt"))
      continue;
    const path = join(dir, name);
    yield { path, bytes: (await stat(path)).size };
  }
  for (const sub of subdirs) yield* walk(join(dir, sub));
}
