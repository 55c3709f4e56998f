import { describe, expect, it } from "vitest"
import { detectCandidateRegion, extractDepartementFromCma } from "../../src/services/rules/departement.ts"
import { evalboxFromExamt3p, resultatInfo } from "../../src/services/rules/evalbox.ts"

describe("extractDepartementFromCma", () => {
  it.each([
    ["75", "75"],
    ["CMA 13", "13"],
    ["cma-75", "75"],
    ["Hauts-de-Seine (92)", "92"],
    ["CMA 974", "974"],
    [75, "75"],
    ["75015", null],
    ["Paris 15e", null],
    ["1", null],
    ["IDF", "75"],
    ["ile de france", "75"],
    ["PACA", "13"],
    ["Lyon", "69"],
    ["Rhône", null],
    ["Marseille", null],
    ["", null],
    [null, null]
  ])("%j → %j", (input, expected) => {
    expect(extractDepartementFromCma(input)).toBe(expected)
  })
})

describe("detectCandidateRegion", () => {
  it("prefers the département, then a region alias, then a city", () => {
    expect(detectCandidateRegion("j'habite à Lyon", "75")).toBe("Île-de-France")
    expect(detectCandidateRegion("j'habite en bretagne", null)).toBe("Bretagne")
    expect(detectCandidateRegion("je suis à toulouse", null)).toBe("Occitanie")
    expect(detectCandidateRegion("", null)).toBeNull()
  })
})

describe("evalboxFromExamt3p", () => {
  it.each([
    [{ statut_dossier: "En cours de composition" }, "Dossier crée"],
    [{ statut_principal: "EN ATTENTE DE PAIEMENT" }, "Pret a payer"],
    [{ statut_dossier: "En cours d'instruction" }, "Dossier Synchronisé"],
    [{ statut_dossier: "Incomplet" }, "Refusé CMA"],
    [{ statut_dossier: " valide " }, "VALIDE CMA"],
    [{ statut_dossier: "En attente de convocation" }, "Convoc CMA reçue"],
    [{ statut_dossier: "Dossier validé par la CMA" }, null],
    [{ statut_dossier: "Dossier valide - convocation à venir" }, "Convoc CMA reçue"],
    [{ statut_dossier: "Paiement reçu" }, "Pret a payer"],
    [{ statut_dossier: "", statut_principal: "Incomplet" }, "Refusé CMA"],
    [{ statut_dossier: "Archivé" }, null],
    [{}, null],
    [null, null]
  ])("%j → %j", (input, expected) => {
    expect(evalboxFromExamt3p(input)).toBe(expected)
  })
})

describe("resultatInfo", () => {
  it.each([
    [null, "pre_exam", false],
    ["Pas encore passé", "pre_exam", false],
    ["ADMISSIBLE", "mid_exam", false],
    ["ADMIS", "post_exam", true],
    ["NON ADMIS", "post_exam", true],
    ["NON ADMISSIBLE", "post_exam", true],
    ["ABSENT PR", "post_exam", true],
    ["Convoc pas recu", "post_exam", true],
    ["PLUS INTERRESSE", "closed", true]
  ])("%j → %s", (resultat, category, termine) => {
    const info = resultatInfo(resultat)
    expect(info.category).toBe(category)
    expect(info.dossierTermine).toBe(termine)
  })
})
