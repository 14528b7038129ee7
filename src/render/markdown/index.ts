export { meetingToMdast, renderMarkdownMinutes } from "./minutes.ts";
export { neutralize } from "./mdast.ts";
export type { MarkdownMinutesOptions } from "./minutes.ts";
