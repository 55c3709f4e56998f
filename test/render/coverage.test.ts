import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { embeddedTemplates, renderReply } from "../../src/services/render/index.ts"
import { SAMPLE_ROWS } from "../../src/services/render/samples/rows.ts"
import { SAMPLE_TODAY } from "../../src/services/render/samples/states.ts"
import { templateSources } from "../../templates/index.ts"

/** DOMAIN.md §8.4, explicit rows (STATE:INTENT). */
const EXPLICIT = [
  ...["QUESTION_GENERALE", "RESULTAT_EXAMEN", "DEMANDE_IDENTIFIANTS", "STATUT_DOSSIER", "CONFIRMATION_SESSION", "CONFIRMATION_DATE_EXAMEN",
    "DEMANDE_CONVOCATION", "DEMANDE_DATE_EXAMEN", "DEMANDE_AUTRES_DATES"].map((i) => `EXAM_DATE_EMPTY:${i}`),
  ...["QUESTION_GENERALE", "RESULTAT_EXAMEN", "STATUT_DOSSIER", "DEMANDE_IDENTIFIANTS", "CONFIRMATION_SESSION"].map((i) => `EXAM_DATE_ASSIGNED_WAITING:${i}`),
  ...["RESULTAT_EXAMEN", "STATUT_DOSSIER", "QUESTION_GENERALE"].map((i) => `EXAM_PASSED_AWAITING_RESULTS:${i}`),
  ...["DEMANDE_LIEN_VISIO", "DEMANDE_DATE_VISIO", "QUESTION_GENERALE", "STATUT_DOSSIER", "REPORT_DATE"].map((i) => `MISSED_TRAINING_FORCE_MAJEURE:${i}`),
  ...["STATUT_DOSSIER", "RESULTAT_EXAMEN", "QUESTION_GENERALE", "CONFIRMATION_SESSION", "DEMANDE_IDENTIFIANTS", "DEMANDE_CONVOCATION",
    "DEMANDE_REINSCRIPTION", "DEMANDE_EXCEPTION"].map((i) => `EXAM_DATE_PAST_VALIDATED:${i}`),
  ...["STATUT_DOSSIER", "CONFIRMATION_SESSION", "DEMANDE_CONVOCATION", "DEMANDE_DATE_EXAMEN"].map((i) => `DOSSIER_SYNCHRONIZED:${i}`),
  ...["REPORT_DATE", "STATUT_DOSSIER", "RESULTAT_EXAMEN", "DEMANDE_IDENTIFIANTS", "PROBLEME_CONNEXION_EXAMT3P", "DEMANDE_CONVOCATION"].map((i) => `CONVOCATION_RECEIVED:${i}`),
  ...["REPORT_DATE", "CONFIRMATION_SESSION", "DEMANDE_CONVOCATION"].map((i) => `VALIDE_CMA_WAITING_CONVOC:${i}`),
  "READY_TO_PAY:CONFIRMATION_SESSION"
]

/** DOMAIN.md §8.4, wildcard rows `*:INTENT` (master and legacy, all rendered by the master here). */
const WILDCARDS = [
  "QUESTION_GENERALE", "STATUT_DOSSIER", "DEMANDE_IDENTIFIANTS", "ENVOIE_IDENTIFIANTS", "PROBLEME_CONNEXION_EXAMT3P", "PROBLEME_CONNEXION_ELEARNING",
  "DEMANDE_ELEARNING_ACCESS", "DEMANDE_DATE_VISIO", "DEMANDE_LIEN_VISIO", "DEMANDE_CHANGEMENT_SESSION", "CONFIRMATION_SESSION", "CONFIRMATION_DATE_EXAMEN",
  "DEMANDE_CONVOCATION", "REPORT_DATE", "FORCE_MAJEURE_REPORT", "DEMANDE_DATE_PLUS_TOT", "DEMANDE_DATES_FUTURES", "DEMANDE_AUTRES_DATES",
  "DEMANDE_DATE_EXAMEN", "DEMANDE_AUTRES_DEPARTEMENTS", "DATE_LOINTAINE_EXAMT3P", "DEMANDE_EXCEPTION", "PERMIS_PROBATOIRE", "PERMIS_RENOUVELLEMENT",
  "ERREUR_PAIEMENT_CMA", "CONFIRMATION_PAIEMENT", "DOCUMENT_QUESTION", "QUESTION_PERMIS_ETRANGER", "QUESTION_CARTE_SEJOUR", "QUESTION_HEBERGEMENT",
  "SIGNALE_PROBLEME_DOCS", "ENVOIE_DOCUMENTS", "TRANSMET_DOCUMENTS", "RESULTAT_EXAMEN", "ANNONCE_RESULTAT_POSITIF", "ANNONCE_RESULTAT_NEGATIF",
  "DEMANDE_REINSCRIPTION", "QUESTION_CARTE_VTC", "QUESTION_EXAMEN_PRATIQUE", "DEMANDE_CERTIFICAT_FORMATION", "DEMANDE_INFOS_OFFRE",
  "QUESTION_PROCESSUS", "QUESTION_SESSION", "DEMANDE_SUPPRESSION_DONNEES", "DEMANDE_ANNULATION", "CONFIRMATION_DOUBLON", "REFUS_DOUBLON",
  "REFUS_PARTAGE_CREDENTIALS", "DEMANDE_APPEL_TEL", "RECLAMATION", "REMERCIEMENT", "SALUTATION", "MESSAGE_CONFUS", "SIGNALE_PAS_RECU_EMAIL"
]

/** Sections no reply can show by design: Uber D/E are terminal, so their "contact Uber" next step is never reached. */
const UNREACHABLE_SECTIONS = new Set(["next_step:contacter_uber"])

describe("sample coverage", () => {
  const ids = new Set(SAMPLE_ROWS.map((r) => r.id))

  it("has a sample for every explicit row and every wildcard row of DOMAIN.md §8.4", () => {
    expect(EXPLICIT.filter((id) => !ids.has(id))).toEqual([])
    expect(WILDCARDS.filter((intent) => !ids.has(`*:${intent}`))).toEqual([])
  })

  it("renders every section of the templates in at least one sample", () => {
    const compiled = Either.getOrThrow(embeddedTemplates())
    const rendered = new Set(SAMPLE_ROWS.flatMap((row) => Either.getOrThrow(renderReply(compiled, row.vars, { today: SAMPLE_TODAY })).sections))
    const declared = new Set(Object.values(templateSources).flatMap((src) => [...src.matchAll(/<!--section:([a-z0-9_:]+)-->/g)].map((m) => m[1] ?? "")))
    expect([...declared].filter((s) => !rendered.has(s) && !UNREACHABLE_SECTIONS.has(s))).toEqual([])
  })

  it("never presents 'Pret a payer' as a confirmed registration", () => {
    const compiled = Either.getOrThrow(embeddedTemplates())
    const readyToPay = SAMPLE_ROWS.filter((r) => r.vars.evalbox_pret_a_payer === true)
    expect(readyToPay.length).toBeGreaterThan(0)
    for (const row of readyToPay) {
      const text = Either.getOrThrow(renderReply(compiled, { ...row.vars, intention_demande_date: true, show_statut_section: true }, { today: SAMPLE_TODAY })).text
      expect(text).toContain("ne sera définitive qu'après cette validation")
      expect(text).toContain("deviendra définitive après la validation de votre dossier par la CMA")
      expect(text).not.toMatch(/inscription (est )?(confirmée|validée)|dossier est validé/)
    }
  })
})
