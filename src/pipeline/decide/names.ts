/** The candidate's first name for the greeting (§9.5 `prenom`). */
import type { CrmContact, StoredDeal } from "../../schemas/crm.ts"

const capitalise = (word: string): string =>
  word.split("-").map((p) => (p === "" ? p : p[0]?.toUpperCase() + p.slice(1).toLowerCase())).join("-")

/** Contact `First_Name`, else the 3rd word of `Deal_Name` as the original reads it ("BFS NP Jean Dupont" → Jean), else "". */
export const firstNameOf = (contact: CrmContact | undefined, deal: StoredDeal | undefined): string => {
  const first = contact?.First_Name?.trim() ?? ""
  if (first !== "") return capitalise(first.split(/\s+/)[0] ?? first)
  const words = (deal?.Deal_Name ?? "").trim().split(/\s+/)
  const candidate = words.length >= 3 ? words[2] : words[0]
  return candidate === undefined || candidate === "" ? "" : capitalise(candidate)
}

export const contactOfDeal = (contacts: ReadonlyArray<CrmContact>, deal: StoredDeal | undefined): CrmContact | undefined => {
  const id = deal?.Contact_Name?.id
  return contacts.find((c) => c.id === id) ?? (contacts.length === 1 ? contacts[0] : undefined)
}
