import { beforeAll, describe, expect, it } from "vitest";
import {
  checkSynapse,
  createRoom,
  getEvent,
  getPowerLevels,
  getStateEvent,
  invite,
  joinRoom,
  MatrixError,
  type MatrixUser,
  matrixRequest,
  path,
  readSynapseInfo,
  readTimeline,
  redact,
  registerUser,
  sendMessage,
  setUserPowerLevel,
  whoami,
} from "./synapse.ts";

/**
 * Smoke test of the real-Synapse tier itself (scripts/synapse/, test/e2e/synapse.ts): the server
 * from synapse.json answers, users register through the shared-secret admin API, rooms of
 * versions 11 and 12 behave as /work/shared/notes/matrix.md measured, and the rate-limit flavour
 * is the one synapse.json names. Run by `npm run test:e2e`. Every test registers its own users,
 * so each stays within the stock burst of 10 messages (SYNAPSE_RATE_LIMITS=stock passes too).
 */

const info = readSynapseInfo();

beforeAll(async () => {
  expect(await checkSynapse()).toContain("v1.1");
});

/** A fresh chair and member, and a room of that version made by the chair that both are in. */
async function sharedRoom(
  roomVersion: string,
): Promise<{ chair: MatrixUser; member: MatrixUser; roomId: string }> {
  const [chair, member] = await Promise.all([registerUser("chair"), registerUser("member")]);
  const roomId = await createRoom(chair, { roomVersion, name: `sigmeet e2e v${roomVersion}` });
  await invite(chair, roomId, member.userId);
  expect(await joinRoom(member, roomId)).toBe(roomId);
  return { chair, member, roomId };
}

describe("the real Synapse", () => {
  it("is the server synapse.json describes, and registers users", async () => {
    expect(info.serverName).toBe("localhost");
    expect(info.version).toMatch(/^1\.\d+\.\d+/);
    const [chair, admin] = await Promise.all([
      registerUser("chair"),
      registerUser("admin", { admin: true }),
    ]);
    expect(chair.userId).toMatch(/^@chair-[0-9a-f]{8}:localhost$/);
    expect(await whoami(chair)).toBe(chair.userId);
    expect(await whoami(admin)).toBe(admin.userId);
    // Only the admin may use the admin API.
    const asAdmin = await matrixRequest(
      admin,
      "GET",
      path`/_synapse/admin/v2/users/${chair.userId}`,
    );
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toMatchObject({ name: chair.userId, admin: false });
    const asChair = await matrixRequest(
      chair,
      "GET",
      path`/_synapse/admin/v2/users/${admin.userId}`,
    );
    expect(asChair.status).toBe(403);
  });

  it("refuses a registration signed with the wrong secret", async () => {
    const nonceAnswer = await fetch(`${info.baseUrl}/_synapse/admin/v1/register`);
    const { nonce } = (await nonceAnswer.json()) as { nonce: string };
    const answer = await fetch(`${info.baseUrl}/_synapse/admin/v1/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ nonce, username: "intruder", password: "x", admin: false, mac: "00" }),
    });
    expect(answer.status).toBe(403);
  });

  it.each(["11", "12"])(
    "room version %s: messages from both users read back in order",
    async (version) => {
      const { chair, member, roomId } = await sharedRoom(version);
      const create = await getStateEvent(chair, roomId, "m.room.create");
      expect(create.content["room_version"]).toBe(version);

      const sent = [
        await sendMessage(chair, roomId, "one"),
        await sendMessage(member, roomId, "two"),
        await sendMessage(chair, roomId, "three", "m.notice"),
      ];
      const messages = await readTimeline(member, roomId, { types: ["m.room.message"] });
      expect(messages.map((e) => [e.event_id, e.sender, e.content["body"]])).toEqual([
        [sent[0], chair.userId, "one"],
        [sent[1], member.userId, "two"],
        [sent[2], chair.userId, "three"],
      ]);
      expect(messages[2]?.content["msgtype"]).toBe("m.notice");
      // /messages?dir=f without `from` starts at the beginning of the room.
      const timeline = await readTimeline(chair, roomId);
      expect(timeline[0]?.type).toBe("m.room.create");
    },
  );

  it("v11: the creator is the create event's sender and in the power levels with 100", async () => {
    const chair = await registerUser("chair");
    const roomId = await createRoom(chair, { roomVersion: "11" });
    const create = await getStateEvent(chair, roomId, "m.room.create");
    // Since v11 `content.creator` is gone; the sender is the creator.
    expect(create.sender).toBe(chair.userId);
    expect(create.content["creator"]).toBeUndefined();
    const levels = await getPowerLevels(chair, roomId);
    expect(levels["users"]).toEqual({ [chair.userId]: 100 });
  });

  it("v12: the creator is the create event's sender and absent from the power levels", async () => {
    const { chair, member, roomId } = await sharedRoom("12");
    const create = await getStateEvent(chair, roomId, "m.room.create");
    expect(create.sender).toBe(chair.userId);
    expect(create.content["creator"]).toBeUndefined();
    // v12 room ids are the create event's reference hash.
    expect(roomId).toBe(`!${create.event_id.slice(1)}`);
    const levels = await getPowerLevels(chair, roomId);
    expect(Object.keys(levels["users"] ?? {})).not.toContain(chair.userId);

    // The creator still has every power: it can promote the member...
    await setUserPowerLevel(chair, roomId, member.userId, 50);
    expect((await getPowerLevels(member, roomId))["users"]).toEqual({ [member.userId]: 50 });
    // ...and the member, at 50, cannot change them (m.room.power_levels needs 100).
    const refused = await setUserPowerLevel(member, roomId, member.userId, 100).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(MatrixError);
    expect((refused as MatrixError).errcode).toBe("M_FORBIDDEN");
  });

  it("a redaction removes the content", async () => {
    const { chair, member, roomId } = await sharedRoom("12");
    const eventId = await sendMessage(member, roomId, "a secret said by mistake");
    const redactionId = await redact(chair, roomId, eventId, "off the record");

    const event = await getEvent(member, roomId, eventId);
    expect(event.content).toEqual({});
    expect(event.unsigned?.["redacted_because"]).toMatchObject({
      event_id: redactionId,
      sender: chair.userId,
      type: "m.room.redaction",
    });
    const messages = await readTimeline(member, roomId, { types: ["m.room.message"] });
    expect(messages.map((e) => [e.event_id, e.content])).toEqual([[eventId, {}]]);
    const redactions = await readTimeline(member, roomId, { types: ["m.room.redaction"] });
    expect(redactions.map((e) => e.event_id)).toEqual([redactionId]);
  });

  it(`message rate limit is "${info.rateLimits}" as synapse.json says`, async () => {
    const chair = await registerUser("chair");
    const roomId = await createRoom(chair, { roomVersion: "12" });
    const statuses: number[] = [];
    let limited: MatrixError | undefined;
    for (let i = 0; i < 12 && limited === undefined; i++) {
      try {
        await sendMessage(chair, roomId, `message ${i}`);
        statuses.push(200);
      } catch (error) {
        if (!(error instanceof MatrixError)) throw error;
        statuses.push(error.status);
        limited = error;
      }
    }
    if (info.rateLimits === "raised") {
      expect(statuses).toEqual(Array<number>(12).fill(200));
    } else {
      // Stock rc_message: a burst of 10 actions (room creation counts as one), then 429.
      expect(statuses).toEqual([...Array<number>(9).fill(200), 429]);
      expect(limited?.errcode).toBe("M_LIMIT_EXCEEDED");
      expect(limited?.retryAfterMs).toBeGreaterThan(0);
    }
  });
});
