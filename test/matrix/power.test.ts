import { describe, expect, it } from "vitest";
import {
  CREATOR_POWER,
  powerOf,
  usersAtLeast,
  type StateEventLike,
} from "../../src/matrix/power.ts";

const create = (
  version: string | undefined,
  sender: string,
  extra: object = {},
): StateEventLike => ({
  type: "m.room.create",
  state_key: "",
  sender,
  content: { ...(version === undefined ? {} : { room_version: version }), ...extra },
});

const levels = (content: Record<string, unknown>): StateEventLike => ({
  type: "m.room.power_levels",
  state_key: "",
  sender: "@alice:test",
  content,
});

describe("powerOf", () => {
  it("reads users, then users_default, in rooms v1–v11", () => {
    for (const version of [undefined, "1", "6", "10", "11"]) {
      const state = [
        create(version, "@alice:test"),
        levels({ users: { "@alice:test": 100, "@bob:test": 50 }, users_default: 5 }),
      ];
      expect(powerOf("@alice:test", state)).toBe(100);
      expect(powerOf("@bob:test", state)).toBe(50);
      expect(powerOf("@carol:test", state)).toBe(5);
    }
  });

  it("does not give a v11 creator more than the power levels say", () => {
    const state = [create("11", "@alice:test"), levels({ users: {}, users_default: 0 })];
    expect(powerOf("@alice:test", state)).toBe(0);
  });

  it("gives room-v12 creators infinite power although power_levels omits them", () => {
    // As Synapse 1.160 creates a v12 room: `users: {}`.
    const state = [
      create("12", "@alice:test", { additional_creators: ["@bob:test"] }),
      levels({ users: { "@carol:test": 50 }, users_default: 0 }),
    ];
    expect(powerOf("@alice:test", state)).toBe(CREATOR_POWER);
    expect(powerOf("@bob:test", state)).toBe(Number.POSITIVE_INFINITY);
    expect(powerOf("@carol:test", state)).toBe(50);
    expect(powerOf("@dave:test", state)).toBe(0);
  });

  it("applies the creator rule to later versions and the unstable hydra version only", () => {
    expect(powerOf("@alice:test", [create("13", "@alice:test"), levels({})])).toBe(CREATOR_POWER);
    const hydra = [create("org.matrix.hydra.11", "@alice:test"), levels({})];
    expect(powerOf("@alice:test", hydra)).toBe(CREATOR_POWER);
    const other = [
      create("org.example.custom", "@alice:test", { additional_creators: ["@bob:test"] }),
      levels({}),
    ];
    expect(powerOf("@alice:test", other)).toBe(0);
    expect(
      powerOf("@bob:test", [
        create("11", "@alice:test", { additional_creators: ["@bob:test"] }),
        levels({}),
      ]),
    ).toBe(0);
  });

  it("without a power_levels event: the creator gets 100 before v12, everybody else 0", () => {
    expect(powerOf("@alice:test", [create("6", "@x:test", { creator: "@alice:test" })])).toBe(100);
    expect(powerOf("@x:test", [create("6", "@x:test", { creator: "@alice:test" })])).toBe(0);
    expect(powerOf("@alice:test", [create("11", "@alice:test")])).toBe(100);
    expect(powerOf("@bob:test", [create("11", "@alice:test")])).toBe(0);
    expect(powerOf("@alice:test", [create("12", "@alice:test")])).toBe(CREATOR_POWER);
    expect(powerOf("@bob:test", [create("12", "@alice:test")])).toBe(0);
    expect(powerOf("@alice:test", [])).toBe(0);
  });

  it("accepts the string levels old room versions allowed and ignores junk", () => {
    const state = [
      create("5", "@alice:test"),
      levels({
        users: { "@alice:test": "75", "@bob:test": "lots", "@carol:test": 1.5 },
        users_default: "10",
      }),
    ];
    expect(powerOf("@alice:test", state)).toBe(75);
    expect(powerOf("@bob:test", state)).toBe(10);
    expect(powerOf("@carol:test", state)).toBe(10);
    expect(powerOf("constructor", state)).toBe(10);
  });

  it("ignores state events with a non-empty state key", () => {
    const state = [
      { ...levels({ users: { "@bob:test": 100 } }), state_key: "x" },
      create("10", "@alice:test"),
      levels({ users: { "@bob:test": 20 } }),
    ];
    expect(powerOf("@bob:test", state)).toBe(20);
  });
});

describe("usersAtLeast", () => {
  it("lists the users at or above the level, v12 creators included", () => {
    const state = [
      create("12", "@alice:test", { additional_creators: ["@bob:test"] }),
      levels({ users: { "@carol:test": 50, "@dave:test": 49, "@erin:test": "75" } }),
    ];
    expect(usersAtLeast(state, 50).sort()).toEqual([
      "@alice:test",
      "@bob:test",
      "@carol:test",
      "@erin:test",
    ]);
    expect(usersAtLeast(state, 100).sort()).toEqual(["@alice:test", "@bob:test"]);
  });

  it("does not list a pre-v12 creator the power levels do not raise, nor users_default", () => {
    const state = [
      create("11", "@alice:test"),
      levels({ users: { "@bob:test": 100 }, users_default: 50 }),
    ];
    expect(usersAtLeast(state, 50)).toEqual(["@bob:test"]);
    expect(usersAtLeast([create("10", "@alice:test", { creator: "@alice:test" })], 50)).toEqual([
      "@alice:test",
    ]);
  });
});
