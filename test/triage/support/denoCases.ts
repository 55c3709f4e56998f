/** Inputs shared by the Node and Deno runs of the triage purity test (no Node API in here). */
import type { TriageCase } from "../../../src/services/triage/Triage.ts"

export const DENO_TEXTS: ReadonlyArray<string> = [
  "Bonjour, je n'ai pas reçu ma convocation pour l'examen du 31 mars.",
  "Je voudrais reporter mon examen fin avril, je préfère les cours du soir.",
  "Merci beaucoup !"
]

export const DENO_TRIAGE_CASE: TriageCase = {
  today: "2026-03-10",
  ticket: { subject: "Examen", email: "lina.h@gmail.com", cf: {} },
  threads: [{
    id: "1", direction: "in", status: "SUCCESS", createdTime: "2026-03-09T10:00:00Z",
    fromEmailAddress: "Lina Haddad <lina.h@gmail.com>",
    content: "<div>Bonjour, ci-joint mon permis de conduire.</div><div class=\"gmail_quote\">Le 2 mars, CAB a écrit : ancien message</div>",
    attachments: [{ name: "permis.pdf", size: 400000 }]
  }],
  comments: [],
  contacts: [{ id: "c1", First_Name: "Lina", Last_Name: "Haddad", Email: "lina.h@gmail.com" }],
  deals: [{ id: "d1", Amount: 20, Stage: "GAGNÉ", Closing_Date: "2026-01-10", Contact_Name: { id: "c1", name: "Lina Haddad" }, Evalbox: "Refusé CMA", Date_Dossier_re_u: "2026-01-15" }]
}
