/** The Decider backed by the real rules (src/pipeline/decide) and the compiled reply templates. */
import { Effect, Layer } from "effect"
import { ReplyTemplates } from "../../services/render/index.ts"
import { decide } from "../decide/index.ts"
import { Decider } from "./Decider.ts"

/** `fromEmailAddress` is the sender of drafts when the caller does not give one (the portal refuses unknown senders). */
export const rulesDecider = (fromEmailAddress: string | undefined): Layer.Layer<Decider, never, ReplyTemplates> =>
  Layer.effect(
    Decider,
    Effect.map(ReplyTemplates, (templates) => ({
      decide: (caseFile, options) =>
        decide(caseFile, templates, {
          mode: options.mode,
          docflowDraftIds: options.docflowDraftIds,
          ...((options.fromEmailAddress ?? fromEmailAddress) === undefined ? {} : { fromEmailAddress: options.fromEmailAddress ?? fromEmailAddress })
        })
    }))
  )
