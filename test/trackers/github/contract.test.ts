import { describeTrackerContract } from "../contract.ts";
import { setup } from "./setup.ts";

describeTrackerContract("GitHub adapter on the in-process fake", ({ perPage }) => {
  const { fake, tracker } = setup({ perPage });
  return Promise.resolve({
    tracker,
    assignable: "sgallagh",
    unknownUser: "nobody",
    nextSecond: () => {
      fake.tick(1);
      return Promise.resolve();
    },
  });
});
