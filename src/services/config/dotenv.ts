import { ConfigProvider } from "effect"

/** Parses the KEY=value lines of a `.env` file (comments, `export`, single or double quotes). */
export const parseDotEnv = (text: string): Map<string, string> => {
  const entries = new Map<string, string>()
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === "" || line.startsWith("#")) continue
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!match) continue
    let value = match[2]!
    const quoted = /^(['"])(.*)\1$/.exec(value)
    if (quoted) value = quoted[1] === '"' ? quoted[2]!.replace(/\\n/g, "\n") : quoted[2]!
    else value = value.replace(/\s+#.*$/, "")
    entries.set(match[1]!, value)
  }
  return entries
}

/** The process environment first, then the optional `.env` values for what it leaves unset. */
export const providerWithDotEnv = (dotEnvText: string | undefined): ConfigProvider.ConfigProvider =>
  dotEnvText === undefined
    ? ConfigProvider.fromEnv()
    : ConfigProvider.fromEnv().pipe(ConfigProvider.orElse(() => ConfigProvider.fromMap(parseDotEnv(dotEnvText))))
