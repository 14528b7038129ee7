import { foldMeetings } from "../core/fold-meeting.ts";
import { LiveLog, type LiveChange } from "../core/live-log.ts";
import type { Meeting } from "../core/meeting.ts";
import type { LiveEventRow } from "../store/bot-state.ts";

/** What a meeting's folding needs to know about its room, fixed when the meeting starts. */
export interface MeetingPlace {
  /** The room's alias (or ID), as minutes and file paths name it. */
  readonly channel: string;
  /** The room's name, which names a meeting started without one. */
  readonly roomName?: string | undefined;
}

/**
 * One room's live meeting: its stored events replayed into a LiveLog, folded with the same core
 * as an imported log (dialect `sigmeet`), so what the bot does and what the published log says
 * cannot disagree.
 */
export class RoomMeeting {
  readonly log = new LiveLog();
  /** `seq` of the last stored event applied. */
  lastSeq = 0;
  #folded: Meeting | null | undefined;

  readonly place: MeetingPlace;
  readonly bots: readonly string[];

  constructor(place: MeetingPlace, bots: readonly string[]) {
    this.place = place;
    this.bots = bots;
  }

  apply(row: LiveEventRow): LiveChange {
    this.lastSeq = Math.max(this.lastSeq, row.seq);
    this.#folded = undefined;
    switch (row.op) {
      case "add":
        return this.log.add({
          eventId: row.eventId,
          sender: row.sender,
          ts: row.ts,
          msgtype: row.msgtype,
          body: row.body,
          inReplyTo: row.inReplyTo ?? undefined,
        });
      case "edit":
        return row.target === null ? "ignored" : this.log.edit(row.target, row.sender, row.body);
      case "redact":
        return row.target === null ? "ignored" : this.log.redact(row.target);
    }
  }

  /** The meeting as the log stands (its first; the bot clears the log when one ends). */
  meeting(): Meeting | null {
    if (this.#folded === undefined) {
      const meetings = foldMeetings(this.log.lines(), {
        era: "matrix",
        channel: this.place.channel,
        dialect: "sigmeet",
        bots: this.bots,
        ...(this.place.roomName === undefined ? {} : { roomName: this.place.roomName }),
      });
      this.#folded = meetings[0] ?? null;
    }
    return this.#folded;
  }
}
