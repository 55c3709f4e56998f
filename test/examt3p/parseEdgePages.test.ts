import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { parseDashboard } from "../../src/services/examt3p/ExamT3P.ts"
import { dossierOptions } from "../../src/services/examt3p/internal/dossiers.ts"
import { classifyPage } from "../../src/services/examt3p/internal/parseDashboard.ts"
import { loadPage } from "../../src/services/examt3p/internal/textModel.ts"

const page = (name: string): string => readFileSync(new URL(`../fixtures/examt3p/pages/${name}`, import.meta.url), "utf8")

describe("dashboard parsing on hand-written edge pages", () => {
  describe("several dossiers, refused pieces, odd layout (several-dossiers.html)", () => {
    const html = page("several-dossiers.html")
    const data = parseDashboard(html)

    it("finds the dossier picker behind a language picker, without duplicates", () => {
      expect(dossierOptions(loadPage(html))).toEqual([
        { id: 812, num: "00051234", selected: false },
        { id: 913, num: "00051234TE2", selected: true }
      ])
    })

    it("keeps the TE suffix and never reads the date widget as the status", () => {
      expect(data.num_dossier).toBe("00051234TE2")
      expect(data.statut_dossier).toBe("INCOMPLET")
      expect(data.date_examen).toBe("01/03/2026")
    })

    it("reads the welcome line, typographic apostrophes and the timeline département", () => {
      expect(data.nom_candidat).toBe("Marie-Hélène N'DIAYE")
      expect(data).toMatchObject({ type_examen: "Taxi", type_epreuve: "Réinscription", departement: "13", region: "Bouches-du-Rhône" })
      expect(data.epreuve_session).toBe("Pratique")
      expect(data.examens.lieu).toBe("CMA Provence, 5 boulevard Exemple, Marseille")
    })

    it("does not read 'Admissible' as 'Admis'", () => {
      expect(data.examens.resultat).toBe("Admissible")
    })

    it("reads each progression step inside its own item, whatever the order of the page", () => {
      expect(data.progression).toEqual({ documents: "REFUSÉ", paiement: "EN ATTENTE", infos_perso: "VALIDÉ", choix_session: "VALIDÉ" })
      expect(data.convocation).toBe("EN ATTENTE")
      expect(data.paiement_cma).toEqual({ date: "20/12/2025", montant: 241, mode: "chèque", statut: "EN ATTENTE" })
    })

    it("prefers the status badge to a nested span, and ignores a 'Valider' button and unknown words", () => {
      expect(data.documents.map((d) => [d.nom, d.statut])).toEqual([
        ["Pièce d'identité", "VALIDÉ"],
        ["Photo d'identité", "INCONNU"],
        ["Signature", "REFUSÉ"],
        ["Justificatif de domicile", "REFUSÉ"],
        ["Permis de conduire", "VALIDÉ"]
      ])
      expect(data.documents_facultatifs).toEqual([{ nom: "Pièce d'identité - Justificatif FACULTATIF", statut: "OPTIONNEL" }])
    })

    it("gives each refused piece its own reason, never the page's stray 'Raison :' line", () => {
      const motifs = Object.fromEntries(data.pieces_refusees_details.map((p) => [p.nom, p.motif]))
      expect(motifs["Signature"]).toBe("Le document fourni est une signature électronique, merci de signer à la main.")
      expect(motifs["Justificatif de domicile"]).toMatch(/plus de trois mois/)
      expect(JSON.stringify(data)).not.toContain("autre contexte")
      expect(data.actions_requises).toEqual([
        {
          type: "document_non_conforme",
          document: "Signature",
          description: "Signature non conforme",
          motif: "Le document fourni est une signature électronique, merci de signer à la main."
        }
      ])
    })

    it("reads payment rows with TE numbers and account values that stay on their line", () => {
      expect(data.historique_paiements.map((p) => [p.num_dossier, p.statut])).toEqual([
        ["00051234TE2", "EN_ATTENTE"],
        ["00051234", "VALIDÉ"]
      ])
      expect(data.compte).toEqual({
        genre: "Femme",
        prenom: "Marie-Hélène",
        nom: "N'DIAYE",
        date_naissance: "14/07/1988",
        ville: "Marseille",
        telephone: "+33 6 12 34 56 78"
      })
      expect(data.messages).toEqual({
        nombre: 2,
        liste: [
          { date: "18/12/2025 16:05", expediteur: "CMA", contenu: "Votre signature doit être manuscrite." },
          { date: "19/12/2025 08:40", expediteur: "Candidat", contenu: "C'est corrigé." }
        ]
      })
    })
  })

  describe("missing sections (sparse-dashboard.html)", () => {
    const data = parseDashboard(page("sparse-dashboard.html"))

    it("falls back to the text markers and keeps the TE suffix", () => {
      expect(data.num_dossier).toBe("00039634TE1")
      expect(data.statut_dossier).toBe("En cours d'instruction")
      expect(data).toMatchObject({ nom_candidat: "Paul MARTIN", type_examen: "VTC", departement: "75" })
      expect(data.type_epreuve).toBeUndefined()
    })

    it("takes neither the payment date nor the birth date for the exam date", () => {
      expect(data.date_examen).toBeUndefined()
      expect(data.examens).toEqual({ convocation_disponible: false })
    })

    it("reads piece statuses from the text, leaving unknown ones INCONNU", () => {
      expect(data.documents.map((d) => d.statut)).toEqual(["VALIDÉ", "REFUSÉ", "À VALIDER", "INCONNU", "INCONNU"])
      expect(data.documents[1]?.motif_refus).toBe("photo floue et trop sombre")
      expect(data.statut_documents).toBe("REFUSÉ")
      expect(data.documents_valides).toBe("1/5")
    })

    it("invents no payment and no progression", () => {
      expect(data.historique_paiements).toEqual([])
      expect(data.paiement_cma).toBeUndefined()
      expect(data.progression).toEqual({})
      expect(data.convocation).toBe("EN ATTENTE")
      expect(data.messages).toEqual({ nombre: 1, liste: [] })
    })
  })

  describe("an exams table (exams-table.html)", () => {
    const data = parseDashboard(page("exams-table.html"))

    it("reads the dossier number and the exam date from their columns", () => {
      expect(data.num_dossier).toBe("00061111")
      expect(data.date_examen).toBe("12/05/2026")
      expect(data.examens).toEqual({ date: "12/05/2026", convocation_disponible: true, resultat: "14.5" })
      expect(data.departement).toBe("974")
    })

    it("marks every unknown piece validated when the dossier status is 'Valide'", () => {
      expect(data.statut_documents).toBe("VALIDÉ")
      expect(data.documents_valides).toBe("5/5")
    })
  })

  it("tells a dashboard from the login page and from an unrelated page", () => {
    expect(classifyPage(loadPage(page("login-page.html")))).toBe("login")
    expect(classifyPage(loadPage(page("several-dossiers.html")))).toBe("dashboard")
    expect(classifyPage(loadPage(page("sparse-dashboard.html")))).toBe("dashboard")
    expect(classifyPage(loadPage("<html><body><h1>502 Bad Gateway</h1></body></html>"))).toBe("unknown")
    expect(classifyPage(loadPage(`<h1>Bienvenue sur votre espace ExamT3P</h1><button>Me connecter</button>`))).toBe("login")
  })

  it("keeps the statuses a page does not carry absent rather than guessed", () => {
    const data = parseDashboard("<html><body><p>Bienvenue Ana LOPES - VTC - Complète - 69</p></body></html>")
    expect(data.statut_dossier).toBeUndefined()
    expect(data.num_dossier).toBeUndefined()
    expect(data.documents.every((d) => d.statut === "INCONNU")).toBe(true)
    expect(data.statut_documents).toBe("INCONNU")
    expect(data.actions_requises).toEqual([])
  })

  it("a refused piece without any reason on the page gets the piece's default motif", () => {
    const html = `<p>Bienvenue A B - VTC - 75</p><div class="document-item" data-doctype="license"><b>Permis de conduire</b><span class="status-badge">REFUSÉ</span></div>`
    const data = parseDashboard(html)
    expect(data.documents[4]).toEqual({ nom: "Permis de conduire", statut: "REFUSÉ", motif_refus: expect.stringMatching(/permis/i) })
    expect(data.pieces_refusees_details[0]?.solution).toMatch(/recto et verso/)
  })
})
