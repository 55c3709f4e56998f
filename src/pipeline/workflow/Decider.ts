/**
 * The seam between the workflow and the pure rules: `decide(caseFile, options)`. The rules live in
 * src/pipeline/decide (another room); the workflow only needs this signature, so tests and the CLI
 * provide whichever implementation fits.
 */
import { Context, Layer } from "effect"
import type { CaseFile } from "../../schemas/caseFile.ts"
import type { Decision, DecisionMode } from "../../schemas/decision.ts"

export interface DecideOptions {
  readonly mode: DecisionMode
  /** Drafts docflow wrote on this ticket: the "existing draft" gate (§1.2 row 0) ignores them. */
  readonly docflowDraftIds: ReadonlyArray<string>
  readonly fromEmailAddress?: string
}

export interface DeciderShape {
  readonly decide: (caseFile: CaseFile, options: DecideOptions) => Decision
}

export class Decider extends Context.Tag("docflow/workflow/Decider")<Decider, DeciderShape>() {}

export const deciderLayer = (decide: DeciderShape["decide"]): Layer.Layer<Decider> => Layer.succeed(Decider, { decide })
