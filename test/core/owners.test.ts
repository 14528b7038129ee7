import { describe, expect, it } from "vitest";
import { actionOwners, aliasMap } from "../../src/core/owners.ts";
import type { Attendee } from "../../src/core/meeting.ts";

const people = (...nicks: string[]): Attendee[] => nicks.map((nick) => ({ nick, lines: 1 }));

describe("actionOwners", () => {
  it("finds attendee nicks named as whole words, case-insensitively, in order", () => {
    expect(
      actionOwners("sgallagh and Yselkowitz to draft the policy", people("yselkowitz", "sgallagh")),
    ).toEqual(["sgallagh", "yselkowitz"]);
  });

  it("does not match a nick inside a longer word (MeetBot's 'ping' owns 'pingou' bug)", () => {
    expect(actionOwners("pingou to review", people("ping", "pingou"))).toEqual(["pingou"]);
    expect(actionOwners("bobby to review", people("bob"))).toEqual([]);
  });

  it("ignores sentence punctuation around nicks", () => {
    expect(actionOwners("ask bob: can you, carol.", people("bob", "carol"))).toEqual([
      "bob",
      "carol",
    ]);
  });

  it("treats a bridged nick[m] and a Matrix ID's localpart as the nick", () => {
    expect(actionOwners("sgallagh to draft", people("sgallagh[m]"))).toEqual(["sgallagh[m]"]);
    expect(actionOwners("@t0xic0der Create a Google Doc", people("@t0xic0der:fedora.im"))).toEqual([
      "@t0xic0der:fedora.im",
    ]);
  });

  it("takes full Matrix IDs and @mentions even from people who did not speak", () => {
    expect(actionOwners("@carol:matrix.org to write it up.", people("alice"))).toEqual([
      "@carol:matrix.org",
    ]);
    expect(actionOwners("@dave please look", people("alice"))).toEqual(["dave"]);
  });

  it("maps identities through the alias map", () => {
    const aliases = aliasMap({ "@sgallagh:fedora.im": "sgallagh", "SGallagh[m]": "sgallagh" });
    expect(actionOwners("@sgallagh:fedora.im to draft", people("alice"), aliases)).toEqual([
      "sgallagh",
    ]);
    expect(actionOwners("sgallagh to draft", people("sgallagh[m]"), aliases)).toEqual(["sgallagh"]);
    expect(
      actionOwners("sgallagh and @sgallagh:fedora.im", people("@sgallagh:fedora.im"), aliases),
    ).toEqual(["sgallagh"]);
  });

  it("skips a word that could mean two different people", () => {
    expect(actionOwners("alice to do it", people("@alice:a.org", "@alice:b.org"))).toEqual([]);
    expect(actionOwners("@alice:b.org to do it", people("@alice:a.org", "@alice:b.org"))).toEqual([
      "@alice:b.org",
    ]);
  });

  it("returns nothing for an unassigned action", () => {
    expect(actionOwners("someone to write the docs", people("alice", "bob"))).toEqual([]);
  });
});
