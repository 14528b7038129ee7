/**
 * The bot's answers are written as Markdown; a Matrix `m.notice` needs them twice: as HTML for
 * `formatted_body`, and as plain text for `body`.
 *
 * Safety model: remark-rehype runs without `allowDangerousHtml`, so raw HTML in the Markdown (which
 * may carry user text: an action's wording, a topic) is dropped, never passed through as markup.
 */
import type { List, Nodes } from "mdast";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

export interface ReplyText {
  readonly body: string;
  readonly html: string;
}

const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).freeze();

/** Renders the bot's Markdown answer to an m.notice's plain `body` and HTML `formatted_body`. */
export function renderReply(markdown: string): ReplyText {
  // The body is derived from the parsed tree, not sent as the Markdown source: escapes (`\_`, `\#`,
  // `\!`), backticks and `**` would show verbatim in clients that display `body`, and in the
  // meeting log, which records the bot's notices line by line.
  const body = plain(processor.parse(markdown));
  const html = String(processor.processSync(markdown)).replace(/\n+$/, "");
  return { body, html };
}

/**
 * Plain text of a node: mdast-util-to-string for inline content (raw HTML kept as the literal text
 * it is — `body` is never interpreted as markup), except that links keep their URL and blocks
 * keep their line structure.
 */
function plain(node: Nodes): string {
  switch (node.type) {
    case "root":
    case "blockquote":
    case "footnoteDefinition": {
      const text = blocks(node.children, "\n\n");
      return node.type === "blockquote" ? text.replace(/^/gm, "> ") : text;
    }
    case "list":
      return list(node);
    case "listItem":
      return blocks(node.children, "\n");
    case "text":
    case "inlineCode":
    case "html":
    case "code":
    case "yaml":
      return node.value;
    case "break":
      return "\n";
    case "thematicBreak":
      return "---";
    case "link": {
      const label = inline(node.children);
      return label === "" || label === node.url ? node.url : `${label} (${node.url})`;
    }
    case "image":
    case "imageReference":
      return node.alt ?? "";
    case "definition":
    case "footnoteReference":
      return "";
    case "paragraph":
    case "heading":
    case "emphasis":
    case "strong":
    case "delete":
    case "linkReference":
    case "table":
    case "tableRow":
    case "tableCell":
      return inline(node.children);
  }
}

function inline(nodes: readonly Nodes[]): string {
  return nodes.map(plain).join("");
}

function blocks(nodes: readonly Nodes[], separator: string): string {
  return nodes
    .map(plain)
    .filter((s) => s !== "")
    .join(separator);
}

function list(node: List): string {
  const start = node.start ?? 1;
  return node.children
    .map((item, i) => {
      const marker = node.ordered === true ? `${start + i}. ` : "- ";
      // Continuation lines (nested lists, hard breaks) sit under the item's text.
      const [first = "", ...rest] = plain(item).split("\n");
      return [marker + first, ...rest.map((line) => (line === "" ? line : "  " + line))].join("\n");
    })
    .join("\n");
}
