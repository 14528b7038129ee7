/**
 * What a published file's path says about its meeting, following meetbot.fedoraproject.org's
 * layout: `<channel>/<YYYY-MM-DD>/<name>.<YYYY-MM-DD>-<HH.MM>.<ext>` (also `teams/<name>/…`).
 */
export interface SourcePath {
  /** The file's base name. */
  readonly base: string;
  /** `.log.txt`, `.log.html`, `.txt`, `.html`, or "" for anything else. */
  readonly extension: string;
  /** `<name>.<YYYY-MM-DD>-<HH.MM>`, when the base name has that shape. */
  readonly stem: string | null;
  /** IRC channel or Matrix room alias the directory names, when it names one. */
  readonly channel: string | null;
}

const STEM = /^(.*)[.-](\d{4}-\d{2}-\d{2})-(\d{2}\.\d{2})$/;
const DATE_DIR = /^\d{4}-\d{2}-\d{2}$/;

export function describeSourcePath(path: string): SourcePath {
  const parts = path.split(/[\\/]+/).filter((p) => p !== "");
  const base = parts.at(-1) ?? "";
  const extension =
    [".log.txt", ".log.html", ".txt", ".html"].find((ext) => base.endsWith(ext)) ?? "";
  const withoutExt = extension === "" ? base : base.slice(0, -extension.length);
  const stem = STEM.test(withoutExt) ? withoutExt : null;
  // `<channel>/<date>/<file>`: the channel directory sits above the date directory.
  const dateDir = parts.at(-2);
  const channelDir = dateDir !== undefined && DATE_DIR.test(dateDir) ? parts.at(-3) : undefined;
  return {
    base,
    extension,
    stem,
    channel: channelDir === undefined ? null : channelFromDir(channelDir),
  };
}

/**
 * The channel a directory name stands for. Matrix room aliases were slugged (`:` → `_matrix_`,
 * other characters such as `.` → `-`): `meeting_matrix_fedoraproject-org` → `#meeting:fedoraproject.org`.
 * The `-` → `.` reversal applies to the server part only, where it is unambiguous in practice.
 */
export function channelFromDir(dir: string): string {
  // A room without an alias is published under its room ID, kept as it is (`!abc:fedora.im`).
  if (dir.startsWith("!")) return dir;
  const at = dir.indexOf("_matrix_");
  if (at === -1) return `#${dir}`;
  return `#${dir.slice(0, at)}:${dir.slice(at + "_matrix_".length).replaceAll("-", ".")}`;
}

/** The directory name a channel is published under (the inverse of `channelFromDir`). */
export function dirFromChannel(channel: string): string {
  if (channel.startsWith("!")) return channel;
  const bare = channel.replace(/^#/, "");
  const colon = bare.indexOf(":");
  if (colon === -1) return bare;
  const slug = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, "-");
  return `${slug(bare.slice(0, colon))}_matrix_${slug(bare.slice(colon + 1))}`;
}
