import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EXTENSION, MINUTES_FORMATS, renderMeeting } from "../app/render-meeting.ts";
import type { Meeting } from "../core/meeting.ts";
import { ownersOf, type AliasMap } from "../core/owners.ts";
import { meetingPath } from "../render/file-names.ts";
import type { Store } from "../store/index.ts";
import type { FileLinks } from "./notices.ts";

export interface PublishOptions {
  readonly minutesDir: string;
  readonly logUrlBase: string;
  readonly aliases: AliasMap;
}

export interface Published {
  readonly files: readonly string[];
  readonly links: FileLinks;
  readonly meetingId: number;
}

/**
 * Writes an ended meeting's log and minutes (txt, html, md, json, .log.txt, .log.html) where
 * meetbot.fedoraproject.org keeps them, and stores it as `sigmeet import` of that log would. Safe
 * to run again (after a crash): the files are rewritten whole, each by rename, and the store
 * sees the same log bytes.
 */
export function publishMeeting(meeting: Meeting, store: Store, options: PublishOptions): Published {
  const ctx = { aliases: options.aliases, logUrlBase: options.logUrlBase };
  const stem = meetingPath(meeting);
  const files: string[] = [];
  let logBytes: Uint8Array | null = null;
  for (const format of MINUTES_FORMATS) {
    const target = join(options.minutesDir, stem + EXTENSION[format]);
    const bytes = new TextEncoder().encode(renderMeeting(meeting, format, ctx));
    if (format === "log") logBytes = bytes;
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${String(process.pid)}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, target);
    files.push(target);
  }
  const logPath = join(options.minutesDir, stem + EXTENSION.log);
  const sha256 = createHash("sha256")
    .update(logBytes ?? new Uint8Array())
    .digest("hex");
  const { meetingId } = store.importMeeting(meeting, { path: logPath, sha256 }, (item) =>
    ownersOf(item, meeting.attendees, options.aliases),
  );
  const url = `${options.logUrlBase.replace(/\/$/, "")}/${stem}`;
  return {
    files,
    meetingId,
    links: { minutes: `${url}.html`, text: `${url}.txt`, log: `${url}.log.html` },
  };
}
