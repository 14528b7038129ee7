import type { MatrixEvent, MessagesPage } from "./port.ts";

// matrix-bot-sdk ignores `timeline.limited`: after a pause longer than the timeline limit the
// events between `prev_batch` and the timeline are never delivered (measured: 25 messages sent
// while the bot was down, 10 arrived). They are fetched here with /messages, backwards from
// prev_batch, until an event that is already known.

export interface GapFill {
  /** Oldest first; excludes the boundary event. */
  readonly events: readonly MatrixEvent[];
  /** False when paging stopped at `maxEvents` before reaching a boundary or the room's start. */
  readonly complete: boolean;
}

export async function fillGap(
  prevBatch: string,
  fetchPage: (from: string) => Promise<MessagesPage>,
  /** An event already handled, or the bot's own join: nothing before it is wanted. */
  isBoundary: (event: MatrixEvent) => Promise<boolean> | boolean,
  maxEvents: number,
): Promise<GapFill> {
  const newestFirst: MatrixEvent[] = [];
  let from: string | undefined = prevBatch;
  while (from !== undefined) {
    const page = await fetchPage(from);
    for (const event of page.events) {
      if (await isBoundary(event)) return { events: newestFirst.reverse(), complete: true };
      if (newestFirst.length >= maxEvents)
        return { events: newestFirst.reverse(), complete: false };
      newestFirst.push(event);
    }
    // An absent `end` means no more history; an empty page with a token would loop forever.
    from = page.events.length === 0 ? undefined : page.end;
  }
  return { events: newestFirst.reverse(), complete: true };
}
