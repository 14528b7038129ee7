import type { Mentions, Notice } from "./port.ts";

// Event content built by hand: the SDK's reply helpers add the legacy reply fallback (`> <@u> …`
// in body, <mx-reply> in HTML) that spec v1.13 removed, and nothing in the SDK sets m.mentions.

export type Content = Record<string, unknown>;

/**
 * `m.mentions` is always present: without it, clients fall back to matching display names in the
 * body, so quoting a name in minutes would ping that person.
 */
export function mentionsContent(mentions: Mentions): Content {
  const out: Content = {};
  if (mentions.userIds !== undefined && mentions.userIds.length > 0)
    out["user_ids"] = [...new Set(mentions.userIds)];
  if (mentions.room === true) out["room"] = true;
  return out;
}

export function noticeContent(notice: Notice): Content {
  const content: Content = { msgtype: "m.notice", body: notice.body };
  if (notice.html !== undefined) {
    content["format"] = "org.matrix.custom.html";
    content["formatted_body"] = notice.html;
  }
  if (notice.threadRoot !== undefined)
    content["m.relates_to"] = {
      rel_type: "m.thread",
      event_id: notice.threadRoot,
      // A reply inside the thread; clients without threads show it as a reply.
      is_falling_back: notice.replyTo === undefined,
      "m.in_reply_to": { event_id: notice.replyTo ?? notice.threadRoot },
    };
  else if (notice.replyTo !== undefined)
    content["m.relates_to"] = { "m.in_reply_to": { event_id: notice.replyTo } };
  content["m.mentions"] = mentionsContent(notice.mentions);
  return content;
}

export function reactionContent(eventId: string, key: string): Content {
  return { "m.relates_to": { rel_type: "m.annotation", event_id: eventId, key } };
}
