/** The conversation-analysis input from a gathered case file (threads oldest first, earlier proposals). */
import type { CaseFile } from "../../schemas/caseFile.ts"
import { todayInParis } from "../../schemas/time.ts"
import { lastMetaOf } from "../rules/states/memory.ts"
import type { ConversationInput } from "./prompt.ts"

const textOf = (t: CaseFile["threads"][number]): string => t.plainText ?? t.content?.replace(/<[^>]+>/g, " ") ?? t.summary ?? ""

export const conversationInputFromCaseFile = (
  caseFile: Pick<CaseFile, "now" | "threads" | "dealNotes">, dealId: string | null
): ConversationInput => ({
  today: todayInParis(caseFile.now),
  messages: caseFile.threads
    .filter((t) => t.direction === "in" || t.direction === "out")
    .map((t) => ({ direction: t.direction === "in" ? "in" as const : "out" as const, at: String(t.createdTime ?? ""), text: textOf(t) }))
    .sort((a, b) => a.at.localeCompare(b.at)),
  proposedDates: dealId === null
    ? []
    : (lastMetaOf(caseFile.dealNotes, dealId)?.record.proposed_dates ?? "").split(",").map((d) => d.trim()).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
})
