import type { MatrixEvent } from "./port.ts";

/** Homeserver JSON is trusted for shape only as far as this checks. */
export function isMatrixEvent(value: unknown): value is MatrixEvent {
  if (typeof value !== "object" || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    typeof event["event_id"] === "string" &&
    typeof event["type"] === "string" &&
    typeof event["sender"] === "string" &&
    typeof event["origin_server_ts"] === "number" &&
    typeof event["content"] === "object" &&
    event["content"] !== null
  );
}

/**
 * The bot's own arrival in a room: its membership becoming "join" (a display name or avatar
 * change is join → join and does not count). Events before it are history, not commands.
 */
export function isOwnJoin(event: MatrixEvent, userId: string): boolean {
  if (event.type !== "m.room.member" || event.state_key !== userId) return false;
  if (event.content["membership"] !== "join") return false;
  const previous = event.unsigned?.["prev_content"];
  const before =
    typeof previous === "object" && previous !== null
      ? (previous as Record<string, unknown>)["membership"]
      : undefined;
  return before !== "join";
}
