import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Builds a synthetic meeting archive from the real Fedora logs in test/fixtures/mote: every meeting
 * is a real meeting's lines with the chatter repeated 1–4 times (so sizes vary around 50 KB), nicks
 * varied per meeting, times spread 7 s apart, and every third meeting converted to the Matrix
 * era's line format. Files are laid out as meetbot.fedoraproject.org does.
 */
/** Bumped whenever the recipe changes, so a cached archive of an older recipe is rebuilt. */
const RECIPE = 3;

export interface ArchiveInfo {
  readonly recipe: number;
  readonly dir: string;
  readonly meetings: number;
  readonly bytes: number;
}

const LINE = /^(\d\d:\d\d:\d\d) (?:<([^>]+)> ?(.*)|\* (\S+) ?(.*))$/;

interface Source {
  nick: string;
  action: boolean;
  text: string;
}

function readSource(path: string): Source[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .flatMap((raw): Source[] => {
      const m = LINE.exec(raw);
      if (m === null) return [];
      return m[2] !== undefined
        ? [{ nick: m[2], action: false, text: m[3] ?? "" }]
        : [{ nick: m[4] ?? "", action: true, text: m[5] ?? "" }];
    });
}

function clock(seconds: number): string {
  const s = seconds % 86400;
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
    .map((v) => String(v).padStart(2, "0"))
    .join(":");
}

export function buildArchive(root: string, dir: string, meetings: number): ArchiveInfo {
  const stamp = join(dir, "ARCHIVE.json");
  if (existsSync(stamp)) {
    const info = JSON.parse(readFileSync(stamp, "utf8")) as ArchiveInfo;
    if (info.meetings === meetings && info.recipe === RECIPE) return info;
  }
  rmSync(dir, { recursive: true, force: true });
  const fixtures = join(root, "test/fixtures/mote");
  const sources = [
    readSource(join(fixtures, "magazine.2020-06-10-12.02.log.txt")),
    readSource(join(fixtures, "fedora_iot_working_group_meeting.2020-06-10-14.10.log.txt")),
  ];
  let bytes = 0;
  for (let i = 0; i < meetings; i++) {
    const src = sources[i % 7 === 6 ? 1 : 0] ?? [];
    const repeat = 1 + (i % 4);
    const matrix = i % 3 === 2;
    const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(i / 3) * 86400000)
      .toISOString()
      .slice(0, 10);
    const startSecs = 12 * 3600 + (i % 3) * 3600;
    const first = src[0];
    const last = src[src.length - 1];
    const middle = src.slice(1, -1);
    const body = [first, ...Array.from({ length: repeat }, () => middle).flat(), last].filter(
      (x): x is Source => x !== undefined,
    );
    const rename = (nick: string): string => (nick === "zodbot" ? nick : `${nick}${i % 50}`);
    // Every meeting gets its own title, so no two files are the same bytes (the importer skips
    // a file whose exact bytes it has seen).
    const title = `#startmeeting Synthetic meeting ${i}`;
    const out: string[] = [];
    body.forEach((source, n) => {
      const line = n === 0 ? { ...source, text: title } : source;
      const time = clock(startSecs + n * 7);
      const nick = rename(line.nick);
      if (matrix) {
        const text = line.text.replace(/^#(\w+)/, (_m, w: string) => `!${w.toLowerCase()}`);
        const sender = nick === "zodbot" ? "@meetbot:fedora.im" : `@${nick}:fedora.im`;
        out.push(`${day} ${time} <${sender}> ${line.action ? `* ${text}` : text}`);
      } else {
        out.push(line.action ? `${time} * ${nick} ${line.text}` : `${time} <${nick}> ${line.text}`);
      }
    });
    const channel = matrix
      ? "meeting_matrix_fedoraproject-org"
      : i % 2 === 0
        ? "fedora-meeting"
        : "fedora-meeting-1";
    const hhmm = clock(startSecs).slice(0, 5).replace(":", ".");
    const name = matrix ? `synthetic-${i % 97}` : `synthetic_${i % 97}`;
    const folder = join(dir, channel, day);
    mkdirSync(folder, { recursive: true });
    const text = out.join("\n");
    writeFileSync(join(folder, `${name}.${day}-${hhmm}.log.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  const info: ArchiveInfo = { recipe: RECIPE, dir, meetings, bytes };
  writeFileSync(stamp, JSON.stringify(info));
  return info;
}
