import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  EXTENSION,
  renderMeeting,
  type MinutesFormat,
  type RenderContext,
} from "../app/render-meeting.ts";
import type { Meeting } from "../core/meeting.ts";
import { meetingPath } from "../render/file-names.ts";

export interface WrittenFile {
  readonly format: MinutesFormat;
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Writes a meeting's files under `dir` where meetbot.fedoraproject.org keeps them
 * (`<channel>/<date>/<stem><ext>`). Each file is written whole to a temporary name and renamed,
 * so a reader (or a crash) never sees half a file.
 */
export function writeMeetingFiles(
  meeting: Meeting,
  dir: string,
  formats: readonly MinutesFormat[],
  ctx: RenderContext,
): WrittenFile[] {
  const stem = join(dir, meetingPath(meeting));
  mkdirSync(dirname(stem), { recursive: true });
  return formats.map((format) => {
    const path = stem + EXTENSION[format];
    const bytes = new TextEncoder().encode(renderMeeting(meeting, format, ctx));
    const temp = `${path}.${String(process.pid)}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, path);
    return { format, path, bytes };
  });
}
