/**
 * mdast building blocks shared by every Markdown sigmeet writes (minutes, issue bodies): user text
 * goes only into text nodes, neutralised, so remark escapes whatever Markdown it holds.
 */
import type { Link, List, ListItem, Paragraph, PhrasingContent, Strong, Text } from "mdast";
import remarkStringify from "remark-stringify";
import { unified } from "unified";

/** U+200D ZERO WIDTH JOINER. */
const ZWJ = "\u200D";

/**
 * Neutralise user text for chat and issue trackers, beyond what Markdown escaping does:
 *
 * - `@` gets a zero-width joiner after it (`@everyone` → `@\u200Deveryone`). Chosen over wrapping in
 *   inline code because mention triggers that matter look at the *plain* text, where code fences do
 *   not help: Matrix's `@room` push rule matches the substring `@room` in the event body (a body of
 *   `` `@room` `` still contains it and notifies the whole room), and Discord/GitHub mention parsers
 *   need a name character right after `@`. The joiner breaks all of these, is invisible, and keeps
 *   the text's look; inline code would also change the formatting of every MXID and e-mail address.
 * - `#` directly followed by a digit gets the same joiner: GitHub turns `#565` into a link to issue
 *   565 of the repository the minutes are posted in and adds a cross-reference to that issue's
 *   timeline, which is noise (or misleading) when the number belongs to another tracker.
 * - Line breaks and other control characters become spaces: an item is one line, and a line break
 *   inside a text node could start a block construct (a table delimiter row, a setext underline).
 */
export function neutralize(s: string): string {
  if (!NEEDS_NEUTRALIZING.test(s)) return s;
  return s.replace(NEUTRALIZE, (ch) => (ch === "@" ? "@" + ZWJ : ch === "#" ? "#" + ZWJ : " "));
}
// eslint-disable-next-line no-control-regex
const NEEDS_NEUTRALIZING = /@|#(?=\d)|[\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const NEUTRALIZE = /@|#(?=\d)|[\u0000-\u001f\u007f\u2028\u2029]/g;

export const HTTP_URL = /^https?:\/\/[^\s]+$/i;
/** No scheme: no `:` before the first `/`, `?` or `#`, and no whitespace. */
export const RELATIVE_URL = /^[^:/?#\s]*(?:[/?#][^\s]*)?$/;

export function text(value: string): Text {
  return { type: "text", value };
}

export function userText(value: string): Text {
  return { type: "text", value: neutralize(value) };
}

export function para(children: PhrasingContent[]): Paragraph {
  return { type: "paragraph", children };
}

export function list(items: ListItem[]): List {
  return { type: "list", ordered: false, spread: false, children: items };
}

export function listItem(children: PhrasingContent[], nested: List[] = []): ListItem {
  return { type: "listItem", spread: false, children: [para(children), ...nested] };
}

export function strong(value: string): Strong {
  return { type: "strong", children: [text(value)] };
}

export function link(url: string, label: string): Link {
  return { type: "link", url, children: [text(label)] };
}

/** mdast → Markdown (CommonMark, safe for GFM renderers). */
export const processor = unified()
  .use(remarkStringify, {
    bullet: "-",
    emphasis: "_",
    strong: "*",
    // Not escaped by plain CommonMark output, but meaningful to GFM renderers (GitHub, Forgejo,
    // Element): table cells and strikethrough.
    unsafe: [
      { character: "|", inConstruct: "phrasing" },
      { character: "~", inConstruct: "phrasing" },
    ],
  })
  .freeze();
