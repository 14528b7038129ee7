import type { Attendee, Item } from "./meeting.ts";

/**
 * Identity aliases: any nick or Matrix ID → the person's canonical name (usually the Fedora
 * account), e.g. `@sgallagh:fedora.im` → `sgallagh`. Keys are matched case-insensitively.
 */
export type AliasMap = ReadonlyMap<string, string>;

export function aliasMap(entries: Readonly<Record<string, string>>): AliasMap {
  return new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
}

/** `nick[m]` (a Matrix user seen through the IRC bridge) is the same person as `nick`. */
function bareNick(nick: string): string {
  return nick.endsWith("[m]") ? nick.slice(0, -3) : nick;
}

/** The localpart of a Matrix ID (`@sgallagh:fedora.im` → `sgallagh`); other nicks unchanged. */
function localpart(id: string): string {
  if (!id.startsWith("@")) return id;
  const colon = id.indexOf(":");
  return colon === -1 ? id.slice(1) : id.slice(1, colon);
}

/** Characters that can be part of a nick; anything else is a word boundary. */
const NICK_CHAR = /[\p{L}\p{N}_\-[\]\\^{}|`.]/u;

/**
 * The owners of an action item, by a stricter rule than MeetBot's substring match (which made
 * `ping` own everything mentioning "pingou"): an owner is an attendee named as a whole word
 * (case-insensitive; `nick[m]` and a Matrix ID's localpart count as the nick), an `@mention` or
 * a full Matrix ID. A word that could mean two different attendees is skipped as ambiguous.
 * Names are mapped through the alias map; the result is de-duplicated, in order of appearance.
 *
 * This rule picks assignees for the tracker and the JSON output. The IRC-compatible minutes keep
 * MeetBot's own substring rule so that they stay byte-identical.
 */
export function actionOwners(
  text: string,
  attendees: readonly Attendee[],
  aliases: AliasMap = new Map(),
): string[] {
  // Each spelling a person may be named by → the attendee identities it could mean.
  const spellings = new Map<string, Set<string>>();
  const add = (spelling: string, who: string): void => {
    if (spelling.length < 2) return; // one-letter "nicks" would match articles and initials
    const key = spelling.toLowerCase();
    const set = spellings.get(key) ?? new Set<string>();
    set.add(who);
    spellings.set(key, set);
  };
  for (const { nick } of attendees) {
    add(nick, nick);
    add(bareNick(nick), nick);
    add(localpart(nick), nick);
  }
  for (const [alias] of aliases) add(alias, alias);

  const owners: string[] = [];
  const push = (who: string): void => {
    const canonical = aliases.get(who.toLowerCase()) ?? aliases.get(bareNick(who).toLowerCase());
    const name = canonical ?? who;
    if (!owners.includes(name)) owners.push(name);
  };

  for (const word of words(text)) {
    if (word.startsWith("@")) {
      const mention = word.slice(1);
      if (mention.includes(":")) {
        push(word); // a full Matrix ID is unambiguous even if that person never spoke
        continue;
      }
      const matches = spellings.get(mention.toLowerCase());
      if (matches?.size === 1) push([...matches][0] ?? mention);
      else if (matches === undefined && mention.length >= 2) push(mention);
      continue;
    }
    const matches = spellings.get(word.toLowerCase());
    if (matches?.size === 1) push([...matches][0] ?? word);
  }
  return owners;
}

/** Splits text into nick-shaped words and `@mentions`, trimming sentence punctuation. */
function words(text: string): string[] {
  const out: string[] = [];
  let current = "";
  const flush = (): void => {
    // A trailing `.`, `-` or `:` ends a sentence or an address ("ask bob:"), not a nick.
    const trimmed = current.replace(/[.\-:]+$/, "");
    if (trimmed !== "" && trimmed !== "@") out.push(trimmed);
    current = "";
  };
  for (const ch of text) {
    if (ch === "@" && current === "") current = "@";
    else if (NICK_CHAR.test(ch) || (ch === ":" && current.startsWith("@"))) current += ch;
    else flush();
  }
  flush();
  return out;
}

/** Owners of an item when it is an action; other items have none. */
export function ownersOf(
  item: Item,
  attendees: readonly Attendee[],
  aliases: AliasMap = new Map(),
): string[] {
  return item.kind === "action" ? actionOwners(item.text, attendees, aliases) : [];
}
