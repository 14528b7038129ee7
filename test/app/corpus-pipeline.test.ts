import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMeetings } from "../../src/app/load-meetings.ts";
import { MINUTES_FORMATS, renderMeeting } from "../../src/app/render-meeting.ts";
import { DEFAULT_BOTS } from "../../src/core/fold-meeting.ts";
import { decodeLog } from "../../src/core/parse/decode.ts";
import { requireCorpus } from "../corpus-paths.ts";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const raw = join(requireCorpus(), "raw");
const ctx = { aliases: new Map<string, string>(), logUrlBase: "https://meetbot.fedoraproject.org" };

// Every real file, whatever its state (truncated, collapsed, minutes instead of a log), goes through
// the whole pipeline: it yields meetings whose every format renders, or issues that say why not.
describe("every corpus file through the whole pipeline", () => {
  for (const path of walk(raw)) {
    it(path.slice(raw.length + 1), () => {
      const decoded = decodeLog(readFileSync(path));
      const log = loadMeetings(decoded.text, path, { bots: DEFAULT_BOTS });
      const issues = [...decoded.issues, ...log.issues];
      expect(log.meetings.length > 0 || issues.length > 0).toBe(true);
      for (const issue of issues) {
        expect(issue.line).toBeGreaterThanOrEqual(1);
        expect(issue.message.length).toBeGreaterThan(10);
      }
      for (const meeting of log.meetings) {
        for (const format of MINUTES_FORMATS) {
          expect(renderMeeting(meeting, format, ctx).length).toBeGreaterThan(0);
        }
      }
    });
  }

  it("finds the meetings of the whole logs", () => {
    const count = (rel: string): number =>
      loadMeetings(decodeLog(readFileSync(join(raw, rel))).text, rel, { bots: DEFAULT_BOTS })
        .meetings.length;
    const mote = "github/fedora-infra/mote/tests/meetbot/fedora-meeting/2020-06-10/";
    expect(count(`${mote}magazine.2020-06-10-12.02.log.txt`)).toBe(1);
    expect(count(`${mote}magazine.2020-06-10-12.02.log.html`)).toBe(1);
    expect(count(`${mote}fedora_iot_working_group_meeting.2020-06-10-14.10.log.txt`)).toBe(1);
  });
});
