import { ConfigError } from "./load-config.ts";

/**
 * A secret (token, webhook key) from exactly one of an environment variable or the first line of
 * a file, as the config names them. Errors name the config key and the variable or file, never
 * the secret itself.
 *
 * `whole: true` keeps every line (a PEM private key): the file's whole text, and the variable's
 * whole value, each only trimmed at the ends.
 */
export function readSecret(
  source: { readonly env?: string | undefined; readonly file?: string | undefined },
  keys: { readonly env: string; readonly file: string },
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
  options: { readonly whole?: boolean } = {},
): string {
  if (source.env !== undefined) {
    const value = env[source.env]?.trim() ?? "";
    if (value === "")
      throw new ConfigError(`${keys.env}: environment variable ${source.env} is not set or empty`);
    return value;
  }
  const path = source.file ?? "";
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`${keys.file}: cannot read ${path} (${reason})`, { cause: err });
  }
  const secret = (options.whole === true ? text : text.split("\n", 1)[0])?.trim() ?? "";
  if (secret === "") throw new ConfigError(`${keys.file}: ${path} is empty`);
  return secret;
}
