import { describe, expect, it } from "vitest";
import { SerialQueues } from "../../src/matrix/serial-queue.ts";

const tick = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("SerialQueues", () => {
  it("runs one key's tasks in order even when earlier ones are slower", async () => {
    const order: string[] = [];
    const queues = new SerialQueues(() => undefined);
    for (const [name, ms] of [
      ["a", 30],
      ["b", 0],
      ["c", 10],
    ] as const)
      void queues.run("!room", async () => {
        await tick(ms);
        order.push(name);
      });
    await queues.idle();
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("keeps going after a throwing task and reports the error with its key", async () => {
    const order: string[] = [];
    const errors: [string, unknown][] = [];
    const queues = new SerialQueues((key, error) => errors.push([key, error]));
    void queues.run("!r", () => {
      order.push("1");
    });
    const failing = queues.run("!r", () => Promise.reject(new Error("boom")));
    void queues.run("!r", () => {
      throw new Error("sync boom");
    });
    void queues.run("!r", () => {
      order.push("4");
    });
    await expect(failing).resolves.toBeUndefined();
    await queues.idle();
    expect(order).toEqual(["1", "4"]);
    expect(errors.map(([key, e]) => [key, (e as Error).message])).toEqual([
      ["!r", "boom"],
      ["!r", "sync boom"],
    ]);
  });

  it("survives a throwing error reporter", async () => {
    const queues = new SerialQueues(() => {
      throw new Error("reporter down");
    });
    let ran = false;
    void queues.run("!r", () => Promise.reject(new Error("x")));
    void queues.run("!r", () => {
      ran = true;
    });
    await queues.idle();
    expect(ran).toBe(true);
  });

  it("runs different keys concurrently", async () => {
    const queues = new SerialQueues(() => undefined);
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((done) => (release = done));
    let otherRan = false;
    void queues.run("!slow", () => blocked);
    await queues.run("!fast", () => {
      otherRan = true;
    });
    expect(otherRan).toBe(true);
    release();
    await queues.idle();
  });

  it("idle waits for tasks queued by running tasks", async () => {
    const queues = new SerialQueues(() => undefined);
    const done: string[] = [];
    void queues.run("!a", async () => {
      await tick(5);
      void queues.run("!b", async () => {
        await tick(5);
        done.push("b");
      });
      done.push("a");
    });
    await queues.idle();
    expect(done).toEqual(["a", "b"]);
  });
});
