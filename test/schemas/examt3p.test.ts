import { Either, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { decodeOrExplain } from "../../src/schemas/decodeError.ts"
import { Examt3pData, Examt3pStatus } from "../../src/schemas/examt3p.ts"
import { EXAMT3P_PASSWORD_MARKER } from "../../src/schemas/redaction.ts"

/** The "refused" dashboard of spec/EXAMT3P_PORTAL.md §4.4, as the parser returned it. */
const refusedScrape = {
  identifiant: "karim.benali@example.fr",
  extraction_requise: false,
  errors: [],
  extraction_date: "2026-03-10T09:12:44",
  extraction_attempt: 1,
  num_dossier: "00045386",
  statut_dossier: "Incomplet",
  departement: "93",
  region: "Seine-Saint-Denis",
  date_examen: "24/02/2026",
  examens: { date: "24/02/2026", lieu: "Bobigny", convocation_disponible: false },
  convocation: "EN ATTENTE",
  progression: { convocation: "EN ATTENTE", documents: "REFUSÉ", paiement: "VALIDÉ", infos_perso: "VALIDÉ", choix_session: "VALIDÉ" },
  paiement_cma: { date: "15/01/2026", montant: 241.0, mode: "carte", statut: "VALIDÉ" },
  documents: [
    { nom: "Pièce d'identité", statut: "VALIDÉ", motif_refus: null },
    { nom: "Photo d'identité", statut: "À VALIDER", motif_refus: null },
    { nom: "Justificatif de domicile", statut: "REFUSÉ", motif_refus: "facture de plus de trois mois" }
  ],
  documents_facultatifs: [],
  statut_documents: "REFUSÉ",
  documents_valides: "3/5",
  documents_en_attente: ["Photo d'identité"],
  documents_refuses: ["Justificatif de domicile"],
  pieces_refusees_details: [{ nom: "Justificatif de domicile", motif: "facture de plus de trois mois", solution: "Envoyez un justificatif de moins de 3 mois à votre nom." }],
  action_candidat_requise: true,
  actions_requises: [{ type: "recu_disponible", description: "Reçu de paiement disponible" }, { type: "document_non_conforme", document: "Justificatif de domicile", motif: "facture de plus de trois mois" }],
  historique_etapes: ["Incomplet", "Valide"],
  historique_paiements: [{ num_dossier: "00045386", date: "15/01/2026", description: "Examen complet", montant: 241.0, statut: "VALIDÉ" }],
  compte: { email: "karim.benali@example.fr" },
  messages: { nombre: 1, liste: [{ date: "16/01/2026", expediteur: "CMA 93", contenu: "Merci de renvoyer un justificatif de domicile." }] },
  _motifs_refus_overview: { "Justificatif de domicile": "facture de plus de trois mois" },
  compte_existe: true,
  connection_test_success: true,
  credentials_source: "crm",
  mot_de_passe: EXAMT3P_PASSWORD_MARKER
}

describe("Examt3pData", () => {
  it("decodes a full scrape and drops internal keys it does not declare", () => {
    const data = Schema.decodeUnknownSync(Examt3pData)(refusedScrape)
    expect(data.documents_refuses).toEqual(["Justificatif de domicile"])
    expect(data.paiement_cma?.montant).toBe(241)
    expect(data).not.toHaveProperty("_motifs_refus_overview")
  })

  it("refuses a clear password and does not echo it", () => {
    const result = decodeOrExplain(Examt3pData)({ ...refusedScrape, mot_de_passe: "Azerty123!" })
    expect(Either.isLeft(result) && result.left.map((p) => p.path)).toEqual(["mot_de_passe"])
    expect(JSON.stringify(result)).not.toContain("Azerty123!")
  })

  it("rejects a refused piece without a name and a non-list of refused documents", () => {
    const result = decodeOrExplain(Examt3pData)({
      ...refusedScrape,
      documents_refuses: "Justificatif de domicile",
      pieces_refusees_details: [{ motif: "flou" }]
    })
    expect(Either.isLeft(result) && result.left.map((p) => [p.path, p.found])).toEqual([
      ["documents_refuses", '"Justificatif de domicile"'],
      ["pieces_refusees_details[0].nom", "(missing)"]
    ])
  })
})

describe("Examt3pStatus", () => {
  it("tells the four outcomes apart", () => {
    const decode = Schema.decodeUnknownSync(Examt3pStatus)
    const tags = [
      decode({ _tag: "Ok", credentialsSource: "crm", data: refusedScrape }),
      decode({ _tag: "NoAccount", credentialsRequestSent: true, accountCreationRequested: false }),
      decode({ _tag: "LoginFailed", identifiant: "karim.benali@example.fr", credentialsSource: "email_threads", message: "Identifiants invalides" }),
      decode({ _tag: "PortalDown", message: "HTTP 503 Service Unavailable", attempts: 3 })
    ].map((s) => s._tag)
    expect(tags).toEqual(["Ok", "NoAccount", "LoginFailed", "PortalDown"])
  })

  it("rejects an unknown outcome and a down portal with zero attempts", () => {
    expect(Either.isLeft(decodeOrExplain(Examt3pStatus)({ _tag: "Maybe" }))).toBe(true)
    const result = decodeOrExplain(Examt3pStatus)({ _tag: "PortalDown", message: "timeout", attempts: 0 })
    expect(Either.isLeft(result) && result.left.find((p) => p.path === "attempts")?.found).toBe("0")
  })
})

const ORACLE_DIR = join(import.meta.dirname, "../oracle")

describe("oracle ExamT3P inputs", () => {
  it("all decode as Examt3pData", () => {
    const values = readdirSync(ORACLE_DIR)
      .filter((f) => f.endsWith(".jsonl"))
      .flatMap((f) => readFileSync(join(ORACLE_DIR, f), "utf8").split("\n").filter((l) => l.trim() !== ""))
      .map((line) => JSON.parse(line) as { examt3p_data?: unknown; input?: { examt3p_data?: unknown } })
      .flatMap((row) => [row.examt3p_data, row.input?.examt3p_data])
      .filter((v) => v !== undefined && v !== null)
    expect(values.length).toBeGreaterThan(1000)
    expect(values.map(decodeOrExplain(Examt3pData)).filter(Either.isLeft).slice(0, 3)).toEqual([])
  })
})
