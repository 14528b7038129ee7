export { meetingToMdast, renderMarkdownMinutes, neutralize } from "./minutes.ts";
export type { MarkdownMinutesOptions } from "./minutes.ts";
