import type { Command } from "commander";
import { defaultConfig, loadConfig } from "../config/load-config.ts";
import type { Config } from "../config/schema.ts";

/** The configuration named by the global `--config` option, or the built-in defaults. */
export function configOf(command: Command): Config {
  const path = command.optsWithGlobals<{ config?: string }>().config;
  return path === undefined ? defaultConfig() : loadConfig(path);
}
