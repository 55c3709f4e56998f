import { describe, expect, it } from "@effect/vitest"
import { followUpSearchPlan, initialSearchPlan } from "../../src/services/rules/linking/searchPlan.ts"
import { gmailReply, thread } from "../triage/fixtures/mail.ts"
import { contact, deal } from "./fixtures/crm.ts"

describe("CRM searches the gatherer runs for linking", () => {
  it("searches the sender's e-mail first, then the addresses the candidate wrote", () => {
    const threads = [thread(gmailReply("Essayez avec ancien.mail@hotmail.fr svp"), { from: "Karim <nouveau@gmail.com>" })]
    expect(initialSearchPlan(threads, { email: null })).toEqual({ contactEmails: ["nouveau@gmail.com", "ancien.mail@hotmail.fr"], phoneVariants: [], dealWord: undefined })
  })

  it("then phones in every spelling and the last name when an identity key exists", () => {
    const c = contact({ Last_Name: "Benali", Mobile: "+33 6 12 34 56 78" })
    const plan = followUpSearchPlan([], { email: null }, [c], deal(c, { CMA_de_depot: "75" }))
    expect(plan.phoneVariants).toEqual(["0612345678", "06 12 34 56 78", "+33612345678", "+33 6 12 34 56 78"])
    expect(plan.dealWord).toBe("Benali")
    expect(followUpSearchPlan([], { email: null }, [c], deal(c)).dealWord).toBeUndefined()
  })

  it("without contact phones, falls back to the ticket's phone fields, then to mobiles in messages", () => {
    const c = contact({ Mobile: null, Phone: null })
    expect(followUpSearchPlan([], { cf: { cf_telephone: "07 11 22 33 44" } }, [c], undefined).phoneVariants[0]).toBe("0711223344")
    const threads = [thread("Mon numéro : 06 98 76 54 32")]
    expect(followUpSearchPlan(threads, {}, [c], undefined).phoneVariants[0]).toBe("0698765432")
  })
})
