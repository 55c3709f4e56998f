import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Redacted, Schema } from "effect"
import { AppConfig, type AppConfigShape } from "../../src/services/config/AppConfig.ts"
import { crmMirrorLayer, ExamT3P, ExamT3PLive, Examt3pOutcomeSchema } from "../../src/services/examt3p/ExamT3P.ts"
import { departementFromCrm, portalStatusFromEvalbox } from "../../src/services/examt3p/internal/crmMirror.ts"

const creds = { identifiant: "jean@example.fr", password: Redacted.make("pw-123456"), source: "crm" as const }

describe("CRM-mirror adapter", () => {
  it.effect("builds the result from the deal's fields, marked as a mirror", () =>
    Effect.gen(function* () {
      const examt3p = yield* ExamT3P
      expect(examt3p.source).toBe("crm-mirror")
      const outcome = yield* examt3p.fetchDossier(creds, {
        deal: {
          Evalbox: "Convoc CMA reçue",
          NUM_DOSSIER_EVALBOX: "00045386TE1",
          CMA_de_depot: "CMA 93",
          Date_examen_VTC: { id: "1456177000000000001", name: "93_2026-03-31" }
        },
        examDate: "2026-04-01"
      })
      expect(Schema.is(Examt3pOutcomeSchema)(outcome)).toBe(true)
      if (outcome._tag !== "Ok") return expect.fail(outcome._tag)
      expect(outcome.data).toMatchObject({
        source: "crm-mirror",
        identifiant: "jean@example.fr",
        num_dossier: "00045386TE1",
        statut_dossier: "En attente de convocation",
        departement: "93",
        date_examen: "01/04/2026",
        examens: { date: "01/04/2026", convocation_disponible: true },
        convocation: "DISPONIBLE",
        compte_existe: true,
        extraction_requise: false
      })
      // The CRM knows nothing of the pieces: no "nothing refused" claim.
      expect(outcome.data.documents_refuses).toBeUndefined()
      expect(JSON.stringify(outcome)).not.toContain("pw-123456")
    }).pipe(Effect.provide(crmMirrorLayer))
  )

  it.effect("falls back to the exam-date lookup name, and is NoAccount without credentials", () =>
    Effect.gen(function* () {
      const examt3p = yield* ExamT3P
      const outcome = yield* examt3p.fetchDossier(creds, { deal: { Evalbox: "Pret a payer", Date_examen_VTC: { id: "1", name: "75_2026-03-31" } } })
      if (outcome._tag !== "Ok") return expect.fail(outcome._tag)
      expect(outcome.data.statut_dossier).toBe("En attente du paiement")
      expect(outcome.data.date_examen).toBe("31/03/2026")
      expect(outcome.data.convocation).toBe("EN ATTENTE")
      expect((yield* examt3p.fetchDossier(undefined, { deal: { Evalbox: "VALIDE CMA" }, accountCreationRequested: true }))).toEqual({
        _tag: "NoAccount",
        credentialsRequestSent: false,
        accountCreationRequested: true
      })
    }).pipe(Effect.provide(crmMirrorLayer))
  )

  it("maps every Evalbox value that has a portal status, and nothing else", () => {
    const table: ReadonlyArray<readonly [string, string | undefined]> = [
      ["Dossier crée", "En cours de composition"],
      ["Pret a payer", "En attente du paiement"],
      ["Pret a payer par cheque", "En attente du paiement"],
      ["Dossier Synchronisé", "En cours d'instruction"],
      ["Refusé CMA", "Incomplet"],
      ["VALIDE CMA", "Valide"],
      ["Convoc CMA reçue", "En attente de convocation"],
      ["Documents manquants", undefined],
      ["-None-", undefined]
    ]
    for (const [evalbox, status] of table) expect(portalStatusFromEvalbox(evalbox)).toBe(status)
    expect(departementFromCrm("75")).toBe("75")
    expect(departementFromCrm("CMA 974 La Réunion")).toBe("974")
    expect(departementFromCrm("2a")).toBe("2A")
    expect(departementFromCrm("IDF")).toBeUndefined()
  })

  it.effect("the live layer picks the mirror without EXAMT3P_URL and the portal with it", () =>
    Effect.gen(function* () {
      const config = (url: Option.Option<string>) =>
        Layer.succeed(AppConfig, { examt3pUrl: url, limits: { examt3pConcurrency: 1 } } as unknown as AppConfigShape)
      const mirror = yield* Effect.provide(ExamT3P, ExamT3PLive.pipe(Layer.provide(config(Option.none()))))
      const portal = yield* Effect.provide(ExamT3P, ExamT3PLive.pipe(Layer.provide(config(Option.some("http://127.0.0.1:9")))))
      expect([mirror.source, portal.source]).toEqual(["crm-mirror", "portal"])
    })
  )
})
