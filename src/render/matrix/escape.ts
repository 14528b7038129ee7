/**
 * HTML escaping as Jinja's autoescape (markupsafe) does it: `&`, `<`, `>`, `"` and `'`, the quotes as
 * the numeric references `&#34;` and `&#39;`. maubot-meetings renders its `.html` files with
 * autoescape on, so every interpolated value (title, senders, item text) goes through this.
 */

const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPABLE = /[&<>"']/g;

function replacement(ch: string): string {
  switch (ch) {
    case "&":
      return "&amp;";
    case "<":
      return "&lt;";
    case ">":
      return "&gt;";
    case '"':
      return "&#34;";
    default:
      return "&#39;";
  }
}

export function escapeHtmlJinja(s: string): string {
  // Hot path: most values (times, MXIDs, plain sentences) need no escaping at all.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPABLE, replacement);
}
