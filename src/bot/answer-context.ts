import type { ActionView, AnswerContext, ChatCommand, DecisionView } from "../../commands/types.ts";
import { itemSyncId } from "../render/issue-draft.ts";
import type { ItemRow, Store } from "../store/index.ts";
import { meetingRefOf } from "../sync/desired.ts";

const DECISION_KINDS = new Set(["agreed", "accepted", "rejected"]);

export interface RoomContextOptions {
  readonly store: Store;
  /** The room as meetings record their channel (its alias, or its ID when it has none). */
  readonly room: string;
  readonly arg: string;
  readonly sender: string;
  readonly commands: readonly ChatCommand[];
  /** Runs the tracker sync for this room and reports in one paragraph. */
  readonly sync: () => Promise<string>;
}

/** An action as `!actions` shows it, with its issue when the sync linked one. */
export function actionView(store: Store, row: ItemRow): ActionView {
  const link = store.sync.link(itemSyncId(meetingRefOf(row), row));
  return {
    id: row.id,
    text: row.text,
    owners: row.owners,
    status: row.status === "done" ? "done" : "open",
    meeting: row.meetingName,
    date: row.date,
    issue:
      link === undefined || link.kind !== "issue"
        ? null
        : { url: link.url, state: link.remoteState },
  };
}

/**
 * The answering commands' view of one room, over the SQLite store: only this room's meetings are
 * seen, so `!done 42` cannot close another SIG's action.
 */
export function roomAnswerContext(options: RoomContextOptions): AnswerContext {
  const { store, room } = options;
  const openRows = (owner?: string): ItemRow[] =>
    store
      .listItems({ kind: "action", open: true, limit: 100_000 })
      .filter(
        (r) =>
          r.channel === room &&
          (owner === undefined || r.owners.some((o) => localpart(o) === localpart(owner))),
      );
  return {
    arg: options.arg.trim(),
    sender: options.sender,
    commands: options.commands,
    openActions: (owner) => openRows(owner).map((r) => actionView(store, r)),
    findDecisions: (words) => {
      const ids = new Set(
        store
          .search(words, 500)
          .filter((h) => h.kind === "item" && h.channel === room)
          .map((h) => h.itemId),
      );
      return store
        .listItems({ kind: "decision", limit: 100_000 })
        .filter((r) => ids.has(r.id) && r.channel === room && DECISION_KINDS.has(r.kind))
        .map((r): DecisionView => ({
          id: r.id,
          kind: r.kind as DecisionView["kind"],
          text: r.text,
          meeting: r.meetingName,
          date: r.date,
        }));
    },
    markDone: (id) => {
      const row = openRows().find((r) => r.id === id);
      if (row === undefined) return null;
      store.setItemStatus(id, "done");
      return { ...actionView(store, row), status: "done" };
    },
    sync: options.sync,
  };
}

/**
 * A person as `!actions` compares them: `@sgallagh:fedora.im`, `sgallagh` and `SGallagh` are the
 * same (owners are stored as the identity map names them, else as logged: nick or Matrix ID).
 */
function localpart(who: string): string {
  return who.trim().toLowerCase().replace(/^@/, "").replace(/:.*$/, "");
}
