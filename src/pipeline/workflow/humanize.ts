/**
 * The humanizer step (DOMAIN.md §9.7), after `decide` and outside it: `decide` stays pure and the
 * recorded decision keeps the template's reply; this step may swap the body of the planned draft
 * for an LLM rewrite, and says what happened in a `HumanizerNote` (recorded with the decision).
 *
 * A rewrite is kept only when the fact check finds nothing and the reply validator still passes —
 * checked by the humanizer service and checked again here, so a humanizer implementation cannot
 * slip an unchecked text into a draft. The draft's idempotency key never depends on the text: a
 * rerun that gets another rewrite still recognises the draft it made (key marker, recorded hash).
 * With no humanizer provided, or one switched off, the template is kept ("disabled").
 */
import { Effect, Either, Option, Schema } from "effect"
import type { CaseFile } from "../../schemas/caseFile.ts"
import { caseFileToday } from "../../schemas/caseFile.ts"
import type { Decision, DecisionAction } from "../../schemas/decision.ts"
import { Humanizer, type HumanizeOutcome } from "../../services/humanizer/Humanizer.ts"
import { rejectionsOf, type ReplyValidator } from "../../services/humanizer/rejection.ts"
import { renderReplyValidator } from "../../services/humanizer/renderValidator.ts"
import { TemplateVars } from "../../services/render/index.ts"
import type { HumanizerNote } from "./humanizerNote.ts"

export interface Humanized {
  /** The decision to act on: the planned draft carries the rewrite when one was kept. */
  readonly decision: Decision
  /** Absent when there was nothing to rewrite (no draft planned, or the draft already exists). */
  readonly note: HumanizerNote | undefined
}

const decodeVars = Schema.decodeUnknownEither(TemplateVars)

const note = (status: HumanizerNote["status"], fields: Partial<Omit<HumanizerNote, "status">> = {}): HumanizerNote => ({
  status,
  attempts: 0,
  html: null,
  rejections: [],
  failure: null,
  modelId: null,
  promptVersion: null,
  ...fields
})

/** The candidate's newest message, for the tone (and the dates he quoted himself). */
export const candidateMessage = (caseFile: CaseFile): string => {
  const inbound = caseFile.threads.filter((t) => t.direction === "in")
  const newest = [...inbound].sort((a, b) => String(b.createdTime).localeCompare(String(a.createdTime)))[0]
  return newest?.plainText ?? newest?.content ?? newest?.summary ?? ""
}

/** Swaps the template's reply for the rewrite inside the draft body, keeping docflow's wrapper. */
const withBody = (action: DecisionAction, template: string, rewrite: string): DecisionAction | undefined => {
  if (action._tag !== "CreateDraft" || !action.payload.content.includes(template)) return undefined
  return { ...action, payload: { ...action.payload, content: action.payload.content.split(template).join(rewrite) } }
}

const fromOutcome = (outcome: HumanizeOutcome): HumanizerNote =>
  outcome._tag === "Humanized"
    ? note("used", { attempts: outcome.attempts, html: outcome.html, modelId: outcome.modelId, promptVersion: outcome.promptVersion })
    : note(outcome.why, {
      attempts: outcome.attempts,
      rejections: outcome.rejections.map((r) => ({ rule: r.rule, detail: r.detail })),
      failure: outcome.failure ?? null
    })

export const humanizeDecision = (
  decision: Decision,
  caseFile: CaseFile,
  confirmed: ReadonlySet<string>
): Effect.Effect<Humanized> =>
  Effect.gen(function* () {
    const reply = decision.reply
    const draft = decision.actions.find((a) => a._tag === "CreateDraft")
    if (reply === null || draft === undefined || confirmed.has(draft.idempotencyKey)) return { decision, note: undefined }
    const humanizer = yield* Effect.serviceOption(Humanizer)
    if (Option.isNone(humanizer) || !humanizer.value.enabled) return { decision, note: note("disabled") }

    const vars = decodeVars(decision.templateVars)
    if (Either.isLeft(vars)) {
      // Without the variables the validator cannot run, and an unvalidated rewrite is never used.
      return { decision, note: note("failed", { failure: "the decision's template variables do not decode: the rewrite could not be validated" }) }
    }
    const validate: ReplyValidator = renderReplyValidator({ vars: vars.right, today: caseFileToday(caseFile) })
    const message = candidateMessage(caseFile)
    const outcome = yield* humanizer.value.humanize({ html: reply.html, candidateMessage: message, validate })
    const recorded = fromOutcome(outcome)
    if (outcome._tag !== "Humanized") return { decision, note: recorded }

    const second = rejectionsOf({ template: reply.html, rewrite: outcome.html, candidateMessage: message, validate })
    if (second.length > 0) {
      return { decision, note: note("rejected", { attempts: outcome.attempts, rejections: second.map((r) => ({ rule: r.rule, detail: r.detail })) }) }
    }
    const swapped = withBody(draft, reply.html, outcome.html)
    if (swapped === undefined) {
      return { decision, note: note("failed", { attempts: outcome.attempts, failure: "the draft body does not hold the rendered reply" }) }
    }
    return {
      decision: { ...decision, actions: decision.actions.map((a) => (a === draft ? swapped : a)) },
      note: recorded
    }
  }).pipe(Effect.withSpan("workflow.humanize"))
