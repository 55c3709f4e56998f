import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { portalAccountFromDeal } from "../../src/sandbox/examt3p/fromCrm.ts"
import { dashboardPage } from "../../src/sandbox/examt3p/pages.ts"
import { decodePortalAccounts } from "../../src/sandbox/examt3p/portalServer.ts"
import { parseDashboard, portalStatusFromEvalbox } from "../../src/services/examt3p/ExamT3P.ts"

const person = { firstName: "Léa", lastName: "Martin" }
const deal = (Evalbox: string | null, extra: Record<string, string> = {}) => ({
  id: "1456177001581548182",
  Evalbox,
  CMA_de_depot: "CMA 34",
  IDENTIFIANT_EVALBOX: "lea.martin@example.fr",
  MDP_EVALBOX: "Pw-7-sandbox",
  ...extra
})

describe("sandbox portal accounts derived from CRM deals", () => {
  const mirrored = ["Dossier crée", "Pret a payer", "Pret a payer par cheque", "Dossier Synchronisé", "Refusé CMA", "VALIDE CMA", "Convoc CMA reçue"]

  it("gives, for every Evalbox with a portal status, a page the parser reads back consistently", () => {
    for (const evalbox of mirrored) {
      const input = portalAccountFromDeal(deal(evalbox, { NUM_DOSSIER_EVALBOX: "00038886TE1" }), person, "2026-03-31")
      if (input === undefined) return expect.fail(`no account for ${evalbox}`)
      const account = Either.getOrThrow(decodePortalAccounts([input]))[0]
      if (account === undefined) return expect.fail("not decoded")
      const data = parseDashboard(dashboardPage(account, account.dossiers[0]))
      expect(data.statut_dossier).toBe(portalStatusFromEvalbox(evalbox))
      expect(data.num_dossier).toBe("00038886TE1")
      expect(data.type_epreuve).toBe("Réinscription")
      expect(data.departement).toBe("34")
      expect(data.region).toBe("Hérault")
      const paid = !["Dossier crée", "Pret a payer", "Pret a payer par cheque"].includes(evalbox)
      expect(data.date_examen).toBe(paid ? "31/03/2026" : undefined)
      expect(data.progression.paiement).toBe(paid ? "VALIDÉ" : "EN ATTENTE")
      expect(data.documents_refuses).toEqual(evalbox === "Refusé CMA" ? ["Justificatif de domicile"] : [])
      expect(data.convocation).toBe(evalbox === "Convoc CMA reçue" ? "DISPONIBLE" : "EN ATTENTE")
    }
  })

  it("is deterministic and makes up a dossier number when the deal has none", () => {
    const a = portalAccountFromDeal(deal("VALIDE CMA"), person)
    expect(a).toEqual(portalAccountFromDeal(deal("VALIDE CMA"), person))
    expect(a?.dossiers[0]?.number).toMatch(/^\d{8}$/)
  })

  it("gives no account without credentials or without a portal status", () => {
    expect(portalAccountFromDeal(deal("Documents manquants"), person)).toBeUndefined()
    expect(portalAccountFromDeal(deal(null), person)).toBeUndefined()
    expect(portalAccountFromDeal({ ...deal("VALIDE CMA"), MDP_EVALBOX: null }, person)).toBeUndefined()
  })
})
