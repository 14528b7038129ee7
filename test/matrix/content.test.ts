import { describe, expect, it } from "vitest";
import { noticeContent, reactionContent } from "../../src/matrix/content.ts";

describe("event content", () => {
  it("always carries m.mentions, empty when nobody is mentioned", () => {
    expect(noticeContent({ body: "Meeting started", mentions: {} })).toEqual({
      msgtype: "m.notice",
      body: "Meeting started",
      "m.mentions": {},
    });
  });

  it("lists mentioned users once, and @room only when asked", () => {
    const content = noticeContent({
      body: "ping",
      mentions: { userIds: ["@a:test", "@b:test", "@a:test"], room: true },
    });
    expect(content["m.mentions"]).toEqual({ user_ids: ["@a:test", "@b:test"], room: true });
    expect(noticeContent({ body: "x", mentions: { room: false } })["m.mentions"]).toEqual({});
  });

  it("formats HTML as org.matrix.custom.html with the plain body kept", () => {
    const content = noticeContent({ body: "*hi*", html: "<em>hi</em>", mentions: {} });
    expect(content).toMatchObject({
      body: "*hi*",
      format: "org.matrix.custom.html",
      formatted_body: "<em>hi</em>",
    });
  });

  it("builds replies without the legacy fallback", () => {
    const content = noticeContent({
      body: "Action recorded",
      html: "<b>Action</b> recorded",
      replyTo: "$orig",
      mentions: { userIds: ["@chair:test"] },
    });
    expect(content).toEqual({
      msgtype: "m.notice",
      body: "Action recorded",
      format: "org.matrix.custom.html",
      formatted_body: "<b>Action</b> recorded",
      "m.relates_to": { "m.in_reply_to": { event_id: "$orig" } },
      "m.mentions": { user_ids: ["@chair:test"] },
    });
    expect(JSON.stringify(content)).not.toMatch(/mx-reply|> </);
  });

  it("makes reactions annotations", () => {
    expect(reactionContent("$ev", "✅")).toEqual({
      "m.relates_to": { rel_type: "m.annotation", event_id: "$ev", key: "✅" },
    });
  });
});
