import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { dashboardPage } from "../../src/sandbox/examt3p/pages.ts"
import type { PortalAccount, PortalDocumentStatus, PortalDossierInput, PortalStepStatus } from "../../src/sandbox/examt3p/portalData.ts"
import { decodePortalAccounts } from "../../src/sandbox/examt3p/portalServer.ts"
import { parseDashboard } from "../../src/services/examt3p/ExamT3P.ts"
import { refusedDossier, singleAccount, validatedDossier } from "../fixtures/examt3p/dossiers.ts"

const accountWith = (dossiers: ReadonlyArray<PortalDossierInput>, defaultDossier?: number): PortalAccount => {
  const decoded = decodePortalAccounts([{ ...singleAccount, dossiers: [...dossiers], ...(defaultDossier === undefined ? {} : { defaultDossier }) }])
  const account = Either.getOrThrow(decoded)[0]
  if (account === undefined) throw new Error("no account decoded")
  return account
}

const render = (dossier: PortalDossierInput) => {
  const account = accountWith([dossier])
  const first = account.dossiers[0]
  return dashboardPage(account, first)
}

describe("dashboard parsing on pages served by the sandbox portal", () => {
  it("reads the validated variant (spec §4.4)", () => {
    const data = parseDashboard(render(validatedDossier))
    expect(data).toMatchObject({
      num_dossier: "00045386TE1",
      statut_dossier: "En attente de convocation",
      nom_candidat: "Jean DUPONT",
      type_examen: "VTC",
      type_epreuve: "Complète",
      departement: "93",
      region: "Seine-Saint-Denis",
      date_reception_dossier: "12/01/2026",
      date_examen: "24/02/2026",
      epreuve_session: "Écrite",
      examens: { date: "24/02/2026", convocation_disponible: true, resultat: "Admis" },
      convocation: "DISPONIBLE",
      paiement_cma: { date: "15/01/2026", montant: 241, mode: "carte", statut: "VALIDÉ" },
      statut_documents: "VALIDÉ",
      documents_valides: "5/5",
      historique_paiements: [{ num_dossier: "00045386TE1", date: "15/01/2026", description: "Examen complet", montant: 241, statut: "VALIDÉ" }],
      actions_requises: [{ type: "recu_disponible" }],
      historique_etapes: [],
      compte: { genre: "Homme", date_naissance: "01/02/1990", code_postal: "93000", email: "jean.dupont@example.fr" },
      messages: { nombre: 1 }
    })
    expect(Object.values(data.progression)).toEqual(["VALIDÉ", "VALIDÉ", "VALIDÉ", "VALIDÉ", "VALIDÉ", "VALIDÉ"])
  })

  it("reads the refused variant, the motif coming from the piece's own modal", () => {
    const data = parseDashboard(render(refusedDossier))
    expect(data.statut_dossier).toBe("Incomplet")
    expect(data.statut_documents).toBe("REFUSÉ")
    expect(data.documents_valides).toBe("3/5")
    expect(data.documents_en_attente).toEqual(["Photo d'identité"])
    expect(data.documents_refuses).toEqual(["Justificatif de domicile"])
    expect(data.pieces_refusees_details).toEqual([
      { nom: "Justificatif de domicile", motif: "Facture de plus de trois mois", solution: expect.stringContaining("moins de trois mois") }
    ])
    expect(data.document_problematique).toBe("Justificatif de domicile")
    expect(data.action_candidat_requise).toBe(true)
    expect(data.progression).toEqual({
      convocation: "EN ATTENTE",
      documents: "REFUSÉ",
      paiement: "VALIDÉ",
      infos_perso: "VALIDÉ",
      type_examen: "VALIDÉ",
      choix_session: "VALIDÉ"
    })
    expect(data.actions_requises.map((a) => a.type)).toEqual(["recu_disponible", "photo_requise", "document_non_conforme"])
    // Hardened: "À VALIDER" is not the step "Valide".
    expect(data.historique_etapes).toEqual(["Incomplet"])
    // No exam date on this dossier: neither the payment nor the reception date is taken for one.
    expect(data.date_examen).toBeUndefined()
    expect(data.examens.date).toBeUndefined()
    expect(data.convocation).toBe("EN ATTENTE")
  })

  const docStatus = fc.constantFrom<PortalDocumentStatus>("VALIDÉ", "À VALIDER", "À CORRIGER", "REFUSÉ")
  const stepStatus = fc.constantFrom<PortalStepStatus>("À VALIDER", "EN ATTENTE", "REFUSÉ", "VALIDÉ")
  const reason = fc.constantFrom("Document flou, merci de le renvoyer", "Photo trop sombre et mal cadrée", "Facture datant de plus de trois mois")
  const doc = fc.record({ status: docStatus, reason, notice: fc.boolean() })
  const isoDate = fc.date({ min: new Date("2025-01-01"), max: new Date("2028-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
  const dmy = isoDate.map((iso) => iso.split("-").reverse().join("/"))
  const dossierArb: fc.Arbitrary<PortalDossierInput> = fc.record({
    internalId: fc.integer({ min: 1, max: 99_999 }),
    number: fc.tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined })).map(
      ([n, te]) => `${String(n).padStart(8, "0")}${te === undefined ? "" : `TE${te}`}`
    ),
    status: fc.constantFrom("En cours de composition", "En attente du paiement", "En cours d'instruction", "Incomplet", "Valide", "En attente de convocation"),
    firstName: fc.constantFrom("Jean", "Amina", "Jean-Pierre", "Léa"),
    lastName: fc.constantFrom("Dupont", "N'Diaye", "Martin-Lefèvre", "Öztürk"),
    examType: fc.constantFrom("VTC" as const, "Taxi" as const, "VMDTR" as const),
    dossierType: fc.constantFrom("Complète" as const, "Réinscription" as const, "Mobilité" as const),
    departement: fc.constantFrom("75", "93", "13", "974", "2A"),
    departementName: fc.constantFrom("Paris", "Seine-Saint-Denis", "Bouches-du-Rhône", "La Réunion", "Corse-du-Sud"),
    receivedOn: dmy,
    examDate: fc.option(isoDate, { nil: undefined }),
    convocationAvailable: fc.boolean(),
    documents: fc.record({ identity: doc, photo: doc, signature: doc, address: doc, license: doc }),
    payment: fc.option(
      fc.record({ date: dmy, amount: fc.integer({ min: 1, max: 99_999 }).map((c) => c / 100), mode: fc.constantFrom("carte", "virement"), status: fc.constantFrom("VALIDÉ" as const, "EN ATTENTE" as const, "REFUSÉ" as const) }),
      { nil: undefined }
    ),
    steps: fc.record({ convocation: stepStatus, documents: stepStatus, choixDepartement: stepStatus, typeExamen: stepStatus, infosPerso: stepStatus, paiement: stepStatus }),
    birthDate: dmy
  })

  it("recovers the generated dossier's facts from any rendered page (property)", () => {
    fc.assert(
      fc.property(dossierArb, (dossier) => {
        const data = parseDashboard(render(dossier))
        expect(data.num_dossier).toBe(dossier.number)
        expect(data.statut_dossier).toBe(dossier.status)
        expect(data.departement).toBe(dossier.departement)
        expect(data.nom_candidat).toBe(`${dossier.firstName} ${dossier.lastName.toUpperCase()}`)
        expect(data.region).toBe(dossier.departementName)
        expect(data.type_examen).toBe(dossier.examType)
        expect(data.type_epreuve).toBe(dossier.dossierType)
        const expectedExamDate = dossier.examDate === undefined ? undefined : dossier.examDate.split("-").reverse().join("/")
        // Never a payment, reception or birth date.
        expect(data.date_examen).toBe(expectedExamDate)
        const docs = dossier.documents
        const expectedStatuses = [docs.identity, docs.photo, docs.signature, docs.address, docs.license].map((d) =>
          d.status === "À CORRIGER" ? "REFUSÉ" : d.status
        )
        expect(data.documents.map((d) => d.statut)).toEqual(expectedStatuses)
        for (const [index, document] of data.documents.entries()) {
          const source = [docs.identity, docs.photo, docs.signature, docs.address, docs.license][index]
          expect(document.motif_refus).toBe(document.statut === "REFUSÉ" ? source?.reason : null)
        }
        const s = dossier.steps
        expect(data.progression).toEqual({
          convocation: s.convocation,
          documents: s.documents,
          paiement: s.paiement,
          infos_perso: s.infosPerso,
          type_examen: s.typeExamen,
          choix_session: s.choixDepartement
        })
        // The payment detail sits in the progression's "Paiement" item, whose status it carries.
        if (dossier.payment === undefined || s.paiement === "À VALIDER") expect(data.paiement_cma).toBeUndefined()
        else expect(data.paiement_cma).toEqual({ date: dossier.payment.date, montant: dossier.payment.amount, mode: dossier.payment.mode, statut: s.paiement })
        // The history row carries the payment's own status, TE numbers included.
        expect(data.historique_paiements).toEqual(
          dossier.payment === undefined
            ? []
            : [{ num_dossier: dossier.number, date: dossier.payment.date, description: "Examen complet", montant: dossier.payment.amount, statut: dossier.payment.status.replace(" ", "_") }]
        )
        expect(data.examens.convocation_disponible).toBe(dossier.convocationAvailable === true)
      }),
      { numRuns: 150 }
    )
  })
})
