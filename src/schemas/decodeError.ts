import { Data, Effect, Either, ParseResult, Schema } from "effect"

/**
 * Decoding with explanations an operator can act on: each problem names the path in the input
 * (`deals[0].Evalbox`), what was expected, and the value actually found there.
 */

export interface DecodeProblem {
  /** Path in the input, e.g. `deals[0].Evalbox`; `(root)` for the whole value. */
  readonly path: string
  /** What the schema expected, from effect's ArrayFormatter. */
  readonly message: string
  /** The value found at the path, as short JSON (`(missing)` when the key is absent). */
  readonly found: string
}

export class DecodeProblems extends Data.TaggedError("DecodeProblems")<{
  readonly subject: string
  readonly problems: ReadonlyArray<DecodeProblem>
}> {
  override get message(): string {
    return `${this.subject} is invalid:\n${formatProblems(this.problems).join("\n")}`
  }
}

/** Keys whose values are secrets: their offending values are never echoed back. */
const SECRET_KEY = /^(mdp_evalbox|mdp|mot_de_passe(_examt3p)?|password|examt3p_?password)$/i
const MAX_VALUE_CHARS = 120
const MAX_ALTERNATIVES = 6

export const formatPath = (path: ReadonlyArray<PropertyKey>): string => {
  if (path.length === 0) return "(root)"
  let out = ""
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`
    else {
      const name = String(key)
      out += out === "" ? name : `.${name}`
    }
  }
  return out
}

const lookup = (input: unknown, path: ReadonlyArray<PropertyKey>): { readonly present: boolean; readonly value: unknown } => {
  let current: unknown = input
  for (const key of path) {
    if (current === null || typeof current !== "object") return { present: false, value: undefined }
    const container = current as Record<PropertyKey, unknown>
    if (!(key in container)) return { present: false, value: undefined }
    current = container[key]
  }
  return { present: true, value: current }
}

const isSecretKey = (key: PropertyKey): boolean => typeof key === "string" && SECRET_KEY.test(key)

/** Masks secrets nested inside a reported object (e.g. a whole deal shown at its own path). */
const hideNestedSecrets = (key: string, value: unknown): unknown =>
  isSecretKey(key) && typeof value === "string" && value !== "" ? "(secret value hidden)" : value

const showValue = (value: unknown): string => {
  if (value === undefined) return "undefined"
  let text: string
  try {
    text = JSON.stringify(value, hideNestedSecrets) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text
}

const describeFound = (input: unknown, path: ReadonlyArray<PropertyKey>): string => {
  const isSecret = path.some(isSecretKey)
  const { present, value } = lookup(input, path)
  if (!present) return "(missing)"
  return isSecret ? "(secret value hidden)" : showValue(value)
}

const EXPECTED_ACTUAL = /^Expected ([\s\S]+?), actual [\s\S]*$/

/**
 * Merges the issues effect reports per union member (`Expected "in"`, `Expected "out"`, …) into
 * one problem per path: `expected "in" | "out"`. `undefined` is dropped when other alternatives
 * exist (it only says the key was optional).
 */
const mergeMessages = (messages: ReadonlyArray<string>): string => {
  const expected: Array<string> = []
  const other: Array<string> = []
  for (const message of messages) {
    const match = EXPECTED_ACTUAL.exec(message)
    const target = match?.[1] !== undefined ? expected : other
    const text = match?.[1] ?? message
    if (!target.includes(text)) target.push(text)
  }
  const alternatives = expected.length > 1 ? expected.filter((e) => e !== "undefined") : expected
  const listed =
    alternatives.length > MAX_ALTERNATIVES
      ? `one of ${alternatives.length} values (${alternatives.slice(0, MAX_ALTERNATIVES).join(", ")}, …)`
      : alternatives.join(" | ")
  const parts = alternatives.length > 0 ? [`expected ${listed}`] : []
  return [...parts, ...other].join("; ")
}

export const problemsOf = (input: unknown, error: ParseResult.ParseError): ReadonlyArray<DecodeProblem> => {
  const byPath = new Map<string, { readonly path: ReadonlyArray<PropertyKey>; readonly messages: Array<string> }>()
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  // A field that failed deeper down is also reported at its own path by the other members of its
  // union ("Expected null", "Expected undefined", "Expected string"); the deeper issue is the
  // specific explanation, so those are dropped.
  const isPrefixOfDeeper = (path: ReadonlyArray<PropertyKey>) =>
    issues.some((other) => other.path.length > path.length && path.every((key, i) => other.path[i] === key))
  for (const issue of issues) {
    if (EXPECTED_ACTUAL.test(issue.message) && isPrefixOfDeeper(issue.path)) continue
    const key = formatPath(issue.path)
    const entry = byPath.get(key) ?? { path: issue.path, messages: [] }
    entry.messages.push(issue.message)
    byPath.set(key, entry)
  }
  return [...byPath.entries()].map(([path, entry]) => ({
    path,
    message: mergeMessages(entry.messages),
    found: describeFound(input, entry.path)
  }))
}

/** One line per problem: `deals[0].Evalbox: expected string | null (found: 42)`. */
export const formatProblems = (problems: ReadonlyArray<DecodeProblem>): ReadonlyArray<string> =>
  problems.map((p) => `${p.path}: ${p.message.replace(/\s+/g, " ")} (found: ${p.found})`)

/**
 * Decodes `input`, reporting every problem (not only the first). Effect's messages may quote the
 * offending value; for secret keys the caller-facing `found` is masked, and the messages of such
 * paths are replaced so the secret is never echoed.
 */
export const decodeOrExplain =
  <A, I>(schema: Schema.Schema<A, I, never>) =>
  (input: unknown): Either.Either<A, ReadonlyArray<DecodeProblem>> => {
    const result = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })(input)
    if (Either.isRight(result)) return Either.right(result.right)
    const problems = problemsOf(input, result.left).map((p) =>
      p.found === "(secret value hidden)" ? { ...p, message: "Expected a redaction marker, not a secret value" } : p
    )
    return Either.left(problems)
  }

/** Effect flavour of `decodeOrExplain`, failing with a `DecodeProblems` error. */
export const decodeOrFail =
  <A, I>(schema: Schema.Schema<A, I, never>, subject: string) =>
  (input: unknown): Effect.Effect<A, DecodeProblems> =>
    Either.match(decodeOrExplain(schema)(input), {
      onLeft: (problems) => Effect.fail(new DecodeProblems({ subject, problems })),
      onRight: Effect.succeed
    })
