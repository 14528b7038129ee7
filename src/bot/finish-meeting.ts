import { hash } from "node:crypto";
import { MINUTES_FORMATS } from "../app/render-meeting.ts";
import type { Meeting } from "../core/meeting.ts";
import { ownersOf, type AliasMap } from "../core/owners.ts";
import { writeMeetingFiles } from "../io/write-meeting-files.ts";
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
  const files = writeMeetingFiles(meeting, options.minutesDir, MINUTES_FORMATS, ctx);
  const log = files.find((f) => f.format === "log");
  if (log === undefined) throw new Error("MINUTES_FORMATS lost the log");
  const { meetingId } = store.importMeeting(
    meeting,
    { path: log.path, sha256: hash("sha256", log.bytes) },
    (item) => ownersOf(item, meeting.attendees, options.aliases),
  );
  const url = `${options.logUrlBase.replace(/\/$/, "")}/${meetingPath(meeting)}`;
  return {
    files: files.map((f) => f.path),
    meetingId,
    links: { minutes: `${url}.html`, text: `${url}.txt`, log: `${url}.log.html` },
  };
}
