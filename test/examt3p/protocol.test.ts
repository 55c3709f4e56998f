import { describe, expect, it } from "@effect/vitest"
import { decodeBody, readLoginAnswer, readMessagesAnswer } from "../../src/services/examt3p/internal/protocol.ts"

describe("portal JSON answers", () => {
  it("login: success 1 or true is accepted, anything else refused with the portal's message", () => {
    expect(readLoginAnswer(`{"success":1}`)).toEqual({ kind: "accepted" })
    expect(readLoginAnswer(`{"success":true,"redirect":"/mon-espace"}`)).toEqual({ kind: "accepted" })
    expect(readLoginAnswer(`{"success":"1"}`)).toEqual({ kind: "refused", message: "erreur inconnue" })
    expect(readLoginAnswer(`{"success":0,"message":" Identifiants invalides "}`)).toEqual({ kind: "refused", message: "Identifiants invalides" })
  })

  it("login: a body that is not a JSON object is an unexpected answer, not a refusal", () => {
    expect(readLoginAnswer("<html>maintenance</html>").kind).toBe("unexpected")
    expect(readLoginAnswer("[1]").kind).toBe("unexpected")
    expect(readLoginAnswer("1").kind).toBe("unexpected")
  })

  it("messages: `messages` list, else `data`, with the field aliases", () => {
    expect(
      readMessagesAnswer(
        JSON.stringify({ messages: [{ date: "10/02/2026 14:30", sender: "CMA", message: "Bonjour" }, { created_at: "x", from: "Candidat", text: "Merci" }, { content: null }, 42] })
      )
    ).toEqual({
      nombre: 4,
      liste: [
        { date: "10/02/2026 14:30", expediteur: "CMA", contenu: "Bonjour" },
        { date: "x", expediteur: "Candidat", contenu: "Merci" },
        { date: "", expediteur: "CMA", contenu: null }
      ]
    })
    expect(readMessagesAnswer(JSON.stringify({ data: [{ message: "Hi" }] }))?.nombre).toBe(1)
  })

  it("messages: anything else leaves the dashboard's count in place", () => {
    expect(readMessagesAnswer(JSON.stringify({ messages: null, data: [{}] }))).toBeUndefined()
    expect(readMessagesAnswer("[]")).toBeUndefined()
    expect(readMessagesAnswer("oops")).toBeUndefined()
  })

  it("decodes bodies with the charset of Content-Type, UTF-8 otherwise", () => {
    const latin1 = new Uint8Array([0x50, 0x69, 0xe8, 0x63, 0x65]) // "Pièce" in ISO-8859-1
    expect(decodeBody(latin1, "text/html; charset=ISO-8859-1")).toBe("Pièce")
    const utf8 = new TextEncoder().encode("Pièce d'identité")
    expect(decodeBody(utf8, "text/html")).toBe("Pièce d'identité")
    expect(decodeBody(utf8, 'text/html; charset="utf-8"')).toBe("Pièce d'identité")
    expect(decodeBody(utf8, "text/html; charset=x-unknown")).toBe("Pièce d'identité")
  })
})
