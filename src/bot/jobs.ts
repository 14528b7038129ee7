import type { BotState } from "../store/bot-state.ts";

/** Work the bot does after answering: a tracker sync, then a notice with its result. */
export type Job =
  | {
      readonly type: "meeting-sync";
      readonly roomId: string;
      readonly meetingId: number;
      /** Its name: the store lists items by meeting name, so the job reads that meeting's only. */
      readonly meetingName: string;
      /** The `!endmeeting` event: keys the notice, so it is posted once. */
      readonly eventId: string;
    }
  | {
      readonly type: "sync-command";
      readonly roomId: string;
      readonly channel: string;
      readonly eventId: string;
      readonly threadRoot?: string;
    };

const PREFIX = "job:";

/**
 * Slow work (tracker syncs take seconds to minutes) runs here, one job at a time, outside the
 * event handlers: a handler that waited for it would hold up every room's events. Jobs are kept
 * in the store until done, so a restart runs what a crash interrupted.
 */
export class Jobs {
  readonly #values: BotState["values"];
  readonly #run: (job: Job) => Promise<void>;
  readonly #log: (line: string) => void;
  #queue: Promise<void> = Promise.resolve();
  readonly #scheduled = new Set<string>();

  constructor(
    values: BotState["values"],
    run: (job: Job) => Promise<void>,
    log: (line: string) => void,
  ) {
    this.#values = values;
    this.#run = run;
    this.#log = log;
  }

  add(key: string, job: Job): void {
    if (this.#values.get(PREFIX + key) !== undefined) return;
    this.#values.set(PREFIX + key, JSON.stringify(job));
    this.#schedule(key, job);
  }

  /** Schedules the jobs a previous run left. */
  resume(): void {
    for (const stored of this.#values.keys(PREFIX)) {
      const raw = this.#values.get(stored);
      if (raw === undefined) continue;
      this.#schedule(stored.slice(PREFIX.length), JSON.parse(raw) as Job);
    }
  }

  /** Resolves when every scheduled job has run. */
  idle(): Promise<void> {
    return this.#queue;
  }

  #schedule(key: string, job: Job): void {
    if (this.#scheduled.has(key)) return;
    this.#scheduled.add(key);
    this.#queue = this.#queue.then(async () => {
      try {
        await this.#run(job);
      } catch (error) {
        // Kept for the next start; a tracker that fails now will likely fail on retry now too.
        this.#log(
          `bot: ${job.type} for ${job.roomId} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return;
      }
      this.#values.set(PREFIX + key, undefined);
    });
  }
}
