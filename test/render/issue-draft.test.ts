import { describe, expect, it } from "vitest";
import { foldMeetings } from "../../src/core/fold-meeting.ts";
import type { Meeting } from "../../src/core/meeting.ts";
import { draftIssue, findSyncId, itemSyncId } from "../../src/render/issue-draft.ts";
import { lines } from "../core/lines.ts";

const ctx = {
  logUrlBase: "https://meetbot.fedoraproject.org",
  urls: {
    minutes: "{base}/{channel}/{date}/{stem}.html",
    logLine: "{base}/{channel}/{date}/{stem}.log.html#l-{line}",
  },
  labels: ["meeting-action"],
  assignees: ["sgallagh"],
};

function meeting(...extra: string[]): Meeting {
  const [m] = foldMeetings(
    lines(
      "sgallagh: #startmeeting ELN SIG",
      "sgallagh: #meetingname eln",
      "sgallagh: #topic x86_64-v3",
      ...extra,
      "sgallagh: #endmeeting",
    ),
    { era: "irc", channel: "#fedora-meeting" },
  );
  return m!;
}

describe("issue drafts for action items and decisions", () => {
  const m = meeting(
    "sgallagh: #action sgallagh to draft the policy",
    "sgallagh: #agreed enable x86_64-v3 builds",
  );
  const action = m.items.find((i) => i.kind === "action")!;
  const decision = m.items.find((i) => i.kind === "agreed")!;

  it("titles the issue with the item and links the minutes and the log line", () => {
    const d = draftIssue(m, action, ctx);
    expect(d.title).toBe("sgallagh to draft the policy");
    expect(d.body).toContain(
      "**Action item** from the meeting **ELN SIG** on 2024-01-02 at 10:00:03 UTC, topic “x86_64-v3”.",
    );
    expect(d.body).toContain(
      "[log line](https://meetbot.fedoraproject.org/fedora-meeting/2024-01-02/eln.2024-01-02-10.00.log.html#l-4)",
    );
    expect(d.body).toContain(
      "[minutes](https://meetbot.fedoraproject.org/fedora-meeting/2024-01-02/eln.2024-01-02-10.00.html)",
    );
    expect(d.body).toContain("Owner: @sgallagh");
    expect(d.labels).toEqual(["meeting-action"]);
    expect(d.assignees).toEqual(["sgallagh"]);
    expect(draftIssue(m, decision, { ...ctx, assignees: [] }).body).toContain(
      "**Decision (AGREED)**",
    );
  });

  it("hides a stable sync id in the body: the same across renames, different per item", () => {
    const d = draftIssue(m, action, ctx);
    expect(findSyncId(d.body)).toBe(d.syncId);
    expect(d.syncId).toMatch(/^sm1-[0-9a-f]{24}$/);
    const renamed = { ...m, name: "eln_renamed", title: "Other title" };
    expect(itemSyncId(renamed, action)).toBe(d.syncId);
    expect(itemSyncId(m, decision)).not.toBe(d.syncId);
    expect(findSyncId("no marker here")).toBeNull();
  });

  it("never lets user text ping, link, or inject markup; only configured logins are mentioned", () => {
    const hostile = meeting(
      "mallory: #action @everyone and @octocat see [x](javascript:alert(1)) <script>x</script> #12 ![i](http://e/i.png)",
    );
    const item = hostile.items.find((i) => i.kind === "action")!;
    const d = draftIssue(hostile, item, { ...ctx, assignees: ["sgallagh", "evil login", "x)](y"] });
    const withoutOwner = d.body.replace("Owner: @sgallagh", "");
    expect(withoutOwner).not.toMatch(/@(?!\u200D)/);
    expect(d.body).not.toContain("](javascript");
    expect(d.body).not.toMatch(/(^|[^\\])<script>/); // escaped as \<script>, plain text
    expect(d.body).not.toContain("![");
    expect(d.body).not.toMatch(/#\d/);
    expect(d.assignees).toEqual(["sgallagh"]);
    // The marker is the only HTML in the body.
    expect(d.body.match(/<!--/g)).toHaveLength(1);
  });

  it("keeps titles and bodies within the trackers' limits", () => {
    const long = meeting(`alice: #action ${"word ".repeat(20_000)}`);
    const d = draftIssue(
      long,
      long.items.find((i) => i.kind === "action")!,
      ctx,
    );
    expect(d.title.length).toBeLessThanOrEqual(256);
    expect(d.title.endsWith("…")).toBe(true);
    expect(d.body.length).toBeLessThan(65_536);
  });
});
