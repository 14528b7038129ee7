/**
 * `npm run bench`: throughput of the pure pipeline (decode + parse + fold + render) on one core,
 * and time and peak RSS of importing a 10,000-meeting archive into SQLite with the real CLI.
 * Prints figures; asserts nothing (targets are compared in docs/benchmarks.md).
 *
 * Options (environment): BENCH_MEETINGS (default 10000), BENCH_DIR (default bench/out).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { renderMeeting } from "../src/app/render-meeting.ts";
import { loadMeetingsFromBytes } from "../src/app/load-meetings.ts";
import { DEFAULT_BOTS } from "../src/core/fold-meeting.ts";
import { findLogs } from "../src/io/find-logs.ts";
import { buildArchive } from "./synthetic-archive.ts";

const root = resolve(import.meta.dirname, "..");
const meetings = Number(process.env["BENCH_MEETINGS"] ?? 10_000);
const outDir = resolve(process.env["BENCH_DIR"] ?? join(root, "bench/out"));
const archiveDir = join(outDir, "archive");

const t0 = performance.now();
const archive = buildArchive(root, archiveDir, meetings);
console.log(
  `archive: ${archive.meetings} meetings, ${(archive.bytes / 1e6).toFixed(1)} MB in ${archiveDir} ` +
    `(ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
console.log(`machine: ${cpus()[0]?.model ?? "?"} x${cpus().length}, node ${process.version}`);

// 1. The pure pipeline, on this one thread. File reading is outside the timed part.
const ctx = { aliases: new Map<string, string>(), logUrlBase: "https://meetbot.fedoraproject.org" };
let textNs = 0n; // decode + parse + fold + text minutes
let htmlNs = 0n; // HTML minutes on top
let pipelineBytes = 0;
let found = 0;
let items = 0;
for (const file of findLogs([archiveDir])) {
  const bytes = readFileSync(file.path);
  const start = process.hrtime.bigint();
  const log = loadMeetingsFromBytes(bytes, file.path, { bots: DEFAULT_BOTS });
  for (const meeting of log.meetings) renderMeeting(meeting, "text", ctx);
  const middle = process.hrtime.bigint();
  for (const meeting of log.meetings) {
    renderMeeting(meeting, "html", ctx);
    items += meeting.items.length;
    found++;
  }
  textNs += middle - start;
  htmlNs += process.hrtime.bigint() - middle;
  pipelineBytes += bytes.length;
}
const mbps = (ns: bigint): string => (pipelineBytes / 1e6 / (Number(ns) / 1e9)).toFixed(1);
console.log(
  `pipeline, one core (${(pipelineBytes / 1e6).toFixed(1)} MB, ${found} meetings, ${items} items): ` +
    `decode+parse+fold+text minutes ${mbps(textNs)} MB/s; ` +
    `with HTML minutes too ${mbps(textNs + htmlNs)} MB/s`,
);

// 2. The real CLI importing the archive into a fresh database, then re-importing it unchanged.
const db = join(outDir, "bench.db");
const cli = join(root, "dist/src/cli/main.js");
// Run the CLI with the Node flags its `#!` line gives it, as an installed `sigmeet` runs.
const shebang = readFileSync(cli, "utf8").split("\n", 1)[0] ?? "";
const nodeFlags = shebang.split(/\s+/).filter((word) => word.startsWith("--"));
for (const pass of ["import (fresh database)", "re-import (unchanged)"]) {
  if (pass.startsWith("import"))
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const start = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      ...nodeFlags,
      "--import",
      join(root, "bench/report-rss.ts"),
      cli,
      "import",
      archiveDir,
      "--db",
      db,
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const secs = (performance.now() - start) / 1000;
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(child.stderr)?.[1];
  if (child.status !== 0 || rss === undefined) {
    console.error(child.stderr.slice(-2000));
    throw new Error(`${pass} failed with status ${child.status}`);
  }
  const summary = child.stderr.split("\n").find((l) => l.startsWith("sigmeet: imported")) ?? "";
  console.log(
    `${pass}: ${secs.toFixed(1)} s, peak RSS ${(Number(rss) / 1024).toFixed(0)} MB; ${summary.replace("sigmeet: ", "")}`,
  );
}
console.log(`database: ${(statSync(db).size / 1e6).toFixed(0)} MB`);
