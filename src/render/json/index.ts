export { meetingToJson } from "./meeting-json.ts";
export type { MeetingJsonOptions } from "./meeting-json.ts";
export {
  MEETING_JSON_SCHEMA_VERSION,
  MeetingJsonSchema,
  TopicJsonSchema,
  NoteJsonSchema,
  ActionJsonSchema,
  DecisionJsonSchema,
  LinkJsonSchema,
  AttendeeJsonSchema,
} from "./schema.ts";
export type {
  MeetingJson,
  TopicJson,
  NoteJson,
  ActionJson,
  DecisionJson,
  LinkJson,
  AttendeeJson,
} from "./schema.ts";
