import { describe, expect, it } from "vitest";
import { classify } from "../../src/bot/room-input.ts";
import type { MatrixEvent } from "../../src/matrix/port.ts";
import { Timeline } from "./fake-port.ts";

const ALICE = "@alice:test";
const BOB = "@bob:test";

describe("classify", () => {
  it("takes text, notices and emotes as messages, with what the live log needs", () => {
    const tl = new Timeline();
    for (const msgtype of ["m.text", "m.notice", "m.emote"]) {
      const event = tl.message(ALICE, "!info hello\nsecond line", { msgtype });
      expect(classify(event)).toEqual({
        kind: "message",
        event: {
          eventId: event.event_id,
          sender: ALICE,
          ts: event.origin_server_ts,
          msgtype,
          body: "!info hello\nsecond line",
          inReplyTo: undefined,
        },
      });
    }
  });

  it("ignores messages without a string msgtype or body, and other event types", () => {
    const tl = new Timeline();
    const base = tl.message(ALICE, "x");
    const cases: MatrixEvent[] = [
      { ...base, content: { msgtype: "m.text" } },
      { ...base, content: { body: "no msgtype" } },
      { ...base, content: { msgtype: "m.text", body: 42 } },
      // a redacted message: its content is gone
      { ...base, content: {} },
      tl.event("m.reaction", ALICE, {
        "m.relates_to": { rel_type: "m.annotation", event_id: base.event_id, key: "👍" },
      }),
      tl.event("m.sticker", ALICE, { body: "a sticker", url: "mxc://x/y" }),
      tl.event("org.example.custom", ALICE, { body: "!startmeeting custom" }),
    ];
    for (const event of cases)
      expect(classify(event), JSON.stringify(event)).toEqual({ kind: "other" });
  });

  it("marks a reply, keeping the body (its fallback is the live log's to strip)", () => {
    const tl = new Timeline();
    const original = tl.message(BOB, "!agreed ship it");
    const reply = tl.reply(ALICE, original, "+1");
    const input = classify(reply);
    expect(input).toMatchObject({
      kind: "message",
      event: { body: `> <${BOB}> !agreed ship it\n\n+1`, inReplyTo: original.event_id },
    });
    expect(input).not.toHaveProperty("threadRoot");
  });

  it("gives a thread message its thread root; the thread's reply fallback is no reply", () => {
    const tl = new Timeline();
    const root = tl.message(BOB, "a thread");
    const plain = classify(tl.thread(ALICE, root, "!help"));
    expect(plain).toMatchObject({
      kind: "message",
      threadRoot: root.event_id,
      event: { body: "!help", inReplyTo: undefined },
    });
    // A real reply inside the thread (is_falling_back false) is a reply too.
    const inner = tl.message(BOB, "in the thread");
    const reply = classify(tl.thread(ALICE, root, "answer", inner.event_id));
    expect(reply).toMatchObject({
      kind: "message",
      threadRoot: root.event_id,
      event: { inReplyTo: inner.event_id },
    });
    // Without is_falling_back at all, the in-thread reply counts as a real one.
    const bare = tl.message(ALICE, "x", {
      content: {
        "m.relates_to": {
          rel_type: "m.thread",
          event_id: root.event_id,
          "m.in_reply_to": { event_id: inner.event_id },
        },
      },
    });
    expect(classify(bare)).toMatchObject({ event: { inReplyTo: inner.event_id } });
  });

  it("takes a thread relation without an event id as no thread", () => {
    const tl = new Timeline();
    const event = tl.message(ALICE, "x", { content: { "m.relates_to": { rel_type: "m.thread" } } });
    const input = classify(event);
    expect(input).toMatchObject({ kind: "message" });
    expect(input).not.toHaveProperty("threadRoot");
  });

  it("reads an edit's new text from m.new_content, not the `* ` body", () => {
    const tl = new Timeline();
    const original = tl.message(ALICE, "!info typo");
    const edit = tl.edit(ALICE, original, "!info fixed");
    expect(classify(edit)).toEqual({
      kind: "edit",
      eventId: edit.event_id,
      sender: ALICE,
      ts: edit.origin_server_ts,
      target: original.event_id,
      body: "!info fixed",
    });
  });

  it("ignores an edit without a readable new body or target", () => {
    const tl = new Timeline();
    const original = tl.message(ALICE, "x");
    const noNewContent = tl.message(ALICE, "* y", {
      content: { "m.relates_to": { rel_type: "m.replace", event_id: original.event_id } },
    });
    expect(classify(noNewContent)).toEqual({ kind: "other" });
    const numberBody = tl.message(ALICE, "* y", {
      content: {
        "m.new_content": { msgtype: "m.text", body: 1 },
        "m.relates_to": { rel_type: "m.replace", event_id: original.event_id },
      },
    });
    expect(classify(numberBody)).toEqual({ kind: "other" });
    // No target: an ordinary message, whatever m.new_content says.
    const noTarget = tl.message(ALICE, "* y", {
      content: {
        "m.new_content": { msgtype: "m.text", body: "y" },
        "m.relates_to": { rel_type: "m.replace" },
      },
    });
    expect(classify(noTarget)).toMatchObject({ kind: "message", event: { body: "* y" } });
  });

  it("reads a redaction's target at the top level (v1–10) or in the content (v11+)", () => {
    const tl = new Timeline();
    const target = tl.message(ALICE, "secret");
    for (const form of ["v10", "v11"] as const) {
      const redaction = tl.redaction(BOB, target, form);
      expect(classify(redaction), form).toEqual({
        kind: "redaction",
        eventId: redaction.event_id,
        sender: BOB,
        ts: redaction.origin_server_ts,
        target: target.event_id,
      });
    }
    expect(classify(tl.event("m.room.redaction", BOB, {}))).toEqual({ kind: "other" });
    expect(classify(tl.event("m.room.redaction", BOB, { redacts: 5 }))).toEqual({
      kind: "other",
    });
  });

  it("notices the room state the bot keeps in mind, and nothing else of the state", () => {
    const tl = new Timeline();
    for (const type of ["m.room.name", "m.room.canonical_alias", "m.room.power_levels"])
      expect(classify(tl.state(type, ALICE, {})), type).toEqual({ kind: "room-state" });
    for (const type of ["m.room.member", "m.room.topic", "m.room.create"])
      expect(
        classify(tl.state(type, ALICE, {}, type === "m.room.member" ? ALICE : "")),
        type,
      ).toEqual({ kind: "other" });
    // A message type with a state key is state, not a message.
    expect(classify(tl.state("m.room.message", ALICE, { msgtype: "m.text", body: "x" }))).toEqual({
      kind: "other",
    });
  });
});
