import type { LiveEvent } from "../core/live-log.ts";
import type { MatrixEvent } from "../matrix/port.ts";

/** A room event as the bot sees it. Pure: classification only, nothing is decided here. */
export type RoomInput =
  | {
      readonly kind: "message";
      readonly event: LiveEvent;
      /** The thread the message is in, so answers go into the same thread. */
      readonly threadRoot?: string;
    }
  | {
      readonly kind: "edit";
      readonly eventId: string;
      readonly sender: string;
      readonly ts: number;
      readonly target: string;
      readonly body: string;
    }
  | {
      readonly kind: "redaction";
      readonly eventId: string;
      readonly sender: string;
      readonly ts: number;
      readonly target: string;
    }
  /** Room state the bot keeps in mind (name, alias): re-read when it changes. */
  | { readonly kind: "room-state" }
  | { readonly kind: "other" };

const ROOM_STATE = new Set(["m.room.name", "m.room.canonical_alias", "m.room.power_levels"]);

export function classify(event: MatrixEvent): RoomInput {
  if (event.type === "m.room.redaction") {
    // Room v11 moved `redacts` into the content.
    const target = event.redacts ?? event.content["redacts"];
    return typeof target === "string"
      ? {
          kind: "redaction",
          eventId: event.event_id,
          sender: event.sender,
          ts: event.origin_server_ts,
          target,
        }
      : { kind: "other" };
  }
  if (event.state_key !== undefined)
    return ROOM_STATE.has(event.type) ? { kind: "room-state" } : { kind: "other" };
  if (event.type !== "m.room.message") return { kind: "other" };
  const { msgtype, body } = event.content;
  if (typeof msgtype !== "string" || typeof body !== "string") return { kind: "other" };
  const relation = record(event.content["m.relates_to"]);
  if (relation["rel_type"] === "m.replace" && typeof relation["event_id"] === "string") {
    const replacement = record(event.content["m.new_content"])["body"];
    return typeof replacement === "string"
      ? {
          kind: "edit",
          eventId: event.event_id,
          sender: event.sender,
          ts: event.origin_server_ts,
          target: relation["event_id"],
          body: replacement,
        }
      : { kind: "other" };
  }
  const replyTo = record(relation["m.in_reply_to"])["event_id"];
  const thread =
    relation["rel_type"] === "m.thread" && typeof relation["event_id"] === "string"
      ? relation["event_id"]
      : undefined;
  // In a thread, `m.in_reply_to` is only the fallback for clients without threads (no quoted
  // text is added to the body then), unless it is a real reply within the thread.
  const isReply =
    typeof replyTo === "string" && (thread === undefined || relation["is_falling_back"] !== true);
  const live: LiveEvent = {
    eventId: event.event_id,
    sender: event.sender,
    ts: event.origin_server_ts,
    msgtype,
    body,
    inReplyTo: isReply ? replyTo : undefined,
  };
  return thread === undefined
    ? { kind: "message", event: live }
    : { kind: "message", event: live, threadRoot: thread };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
