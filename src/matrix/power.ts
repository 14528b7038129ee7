// A user's power level from a room's full state. The SDK's userHasPowerLevelFor reads only
// m.room.power_levels, but from room version 12 the creators are not listed there: they have
// infinite power by rule (and Synapse 1.160 creates v12 rooms with `users: {}`).

/** The parts of a state event this reads; full events as from `roomState`. */
export interface StateEventLike {
  readonly type: string;
  readonly state_key?: string;
  readonly sender: string;
  readonly content: Readonly<Record<string, unknown>>;
}

/** Creators get this; compare with `>=` as with any other level. */
export const CREATOR_POWER = Number.POSITIVE_INFINITY;

/**
 * Versions where creators have infinite power: 12 (spec v1.16), any later numeric version (room
 * versions build on their predecessors), and the unstable "org.matrix.hydra.*" that preceded 12.
 */
export function creatorsArePrivileged(roomVersion: string): boolean {
  if (roomVersion.startsWith("org.matrix.hydra.")) return true;
  return /^\d+$/.test(roomVersion) && Number(roomVersion) >= 12;
}

export function powerOf(userId: string, state: readonly StateEventLike[]): number {
  const create = stateEvent(state, "m.room.create");
  const version = stringOr(create?.content["room_version"], "1");
  if (create !== undefined && creatorsArePrivileged(version)) {
    const additional = create.content["additional_creators"];
    if (
      create.sender === userId ||
      (Array.isArray(additional) && additional.some((creator) => creator === userId))
    )
      return CREATOR_POWER;
  }
  const levels = stateEvent(state, "m.room.power_levels");
  if (levels === undefined) {
    // Before v12, a room without power levels gives its creator 100 (v1–10 name the creator in
    // content.creator; v11 dropped that field for the event's sender).
    const creator = stringOr(create?.content["creator"], create?.sender ?? "");
    return !creatorsArePrivileged(version) && creator === userId ? 100 : 0;
  }
  const users = levels.content["users"];
  const own = isRecord(users) && Object.hasOwn(users, userId) ? asLevel(users[userId]) : undefined;
  return own ?? asLevel(levels.content["users_default"]) ?? 0;
}

function stateEvent(state: readonly StateEventLike[], type: string): StateEventLike | undefined {
  return state.find((event) => event.type === type && (event.state_key ?? "") === "");
}

/** Levels are integers; room versions before 10 also allowed them as strings ("50"). */
function asLevel(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Everyone the room's state names with a power level of at least `level`: the users the power
 * levels list that high and (room v12 on) the creators. Members who only reach it through
 * `users_default` are not listed: the state does not name them.
 */
export function usersAtLeast(state: readonly StateEventLike[], level: number): string[] {
  const found = new Set<string>();
  const create = stateEvent(state, "m.room.create");
  const version = stringOr(create?.content["room_version"], "1");
  if (create !== undefined && creatorsArePrivileged(version)) {
    found.add(create.sender);
    const additional = create.content["additional_creators"];
    if (Array.isArray(additional))
      for (const c of additional) if (typeof c === "string") found.add(c);
  }
  const levels = stateEvent(state, "m.room.power_levels");
  const users = levels?.content["users"];
  if (isRecord(users)) for (const userId of Object.keys(users)) found.add(userId);
  if (levels === undefined && create !== undefined && !creatorsArePrivileged(version))
    found.add(stringOr(create.content["creator"], create.sender));
  return [...found].filter((u) => powerOf(u, state) >= level);
}
