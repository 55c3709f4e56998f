/**
 * Secrets: the ExamT3P password never reaches an event. It is replaced by a marker that the act
 * phase resolves from the CRM when (and only when) it needs the real value.
 */
export const REDACTED_EXAMT3P_PASSWORD = "[redacted:examt3p-password]"

const PASSWORD_KEY = /^(mdp_evalbox|mdp|mot_de_passe(_examt3p)?|password|examt3p_?password)$/i

const isClearSecret = (key: string, value: unknown): boolean =>
  typeof value === "string" && value !== "" && value !== REDACTED_EXAMT3P_PASSWORD && PASSWORD_KEY.test(key)

const redactValue = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactValue)
  if (value === null || typeof value !== "object") return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isClearSecret(key, inner) ? REDACTED_EXAMT3P_PASSWORD : redactValue(inner)
  }
  return out
}

/**
 * Replaces every ExamT3P password in a case file (`MDP_EVALBOX` on deals, `mot_de_passe` /
 * `password` fields of the ExamT3P status, wherever they sit) with the redaction marker. Empty
 * values stay empty: the rules need to know whether the CRM holds credentials at all.
 * Pass the case file in its encoded (JSON) form, as it will be stored.
 */
export const redactCaseFile = <A extends Readonly<Record<string, unknown>>>(caseFile: A): A => redactValue(caseFile) as A

/** true when a clear password sits anywhere in the value (allocation-free: runs on every decode). */
export const hasClearSecret = (value: unknown): boolean => {
  if (Array.isArray(value)) {
    for (const inner of value) if (hasClearSecret(inner)) return true
    return false
  }
  if (value === null || typeof value !== "object") return false
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key]
    if (isClearSecret(key, inner) || hasClearSecret(inner)) return true
  }
  return false
}

/** The path of the first clear password in a value, if any (used to refuse unredacted case files). */
export const findClearSecret = (value: unknown, path: ReadonlyArray<string | number> = []): string | undefined => {
  if (!hasClearSecret(value)) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findClearSecret(value[i], [...path, i])
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (isClearSecret(key, inner)) return [...path, key].join(".")
    const found = findClearSecret(inner, [...path, key])
    if (found !== undefined) return found
  }
  return undefined
}

