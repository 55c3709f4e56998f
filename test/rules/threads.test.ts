import { describe, expect, it } from "vitest"
import { PythonError } from "../../src/services/rules/pyValues.ts"
import { cleanThreadContent, threadsSuggestExamNotTaken } from "../../src/services/rules/threads.ts"

describe("cleanThreadContent", () => {
  it.each<[string, unknown, string]>([
    ["plainText when present", { plainText: "  Bonjour, où en est mon dossier ?  ", content: "<p>ignored</p>" }, "Bonjour, où en est mon dossier ?"],
    ["HTML content when plainText is null (HTML-only thread)", { plainText: null, content: "<p>Bonjour,</p><p>j&#39;ai pas pu passer l&rsquo;examen</p>" }, "Bonjour,\n\nj'ai pas pu passer l\u2019examen"],
    ["HTML content when plainText is absent", { content: "Merci<br>Samir" }, "Merci\nSamir"],
    ["HTML content when plainText is blank", { plainText: "   ", content: "<div>Ok</div>" }, "Ok"],
    ["N/A when plainText is null and there is no content", { plainText: null, content: null }, "N/A"],
    ["N/A when plainText is null and content is empty", { plainText: null, content: "" }, "N/A"],
    ["N/A for a thread that is not an object", "Bonjour", "N/A"]
  ])("%s", (_label, thread, expected) => {
    expect(cleanThreadContent(thread)).toBe(expected)
  })

  it.each<[string, unknown]>([
    ["a number", 12],
    ["an object", { text: "Bonjour" }]
  ])("a plainText that is %s still raises like the original", (_label, plainText) => {
    expect(() => cleanThreadContent({ plainText, content: "<p>Bonjour</p>" })).toThrow(PythonError)
  })

  it("an HTML-only inbound thread is read for signs the exam was not taken", () => {
    const threads = [{ direction: "in", plainText: null, content: "<p>Bonjour, je n&#39;ai pas pu passer mon examen.</p>" }]
    expect(threadsSuggestExamNotTaken(threads)).toBe(true)
    expect(threadsSuggestExamNotTaken([{ direction: "in", plainText: null, content: "<p>Merci !</p>" }])).toBe(false)
  })
})
