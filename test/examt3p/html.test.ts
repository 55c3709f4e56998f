import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { findAll, matches, parseHtml, textNodes, textOf } from "../../src/services/examt3p/internal/html.ts"
import { loadPage } from "../../src/services/examt3p/internal/textModel.ts"
import { escapeHtml } from "../../src/sandbox/examt3p/pages.ts"

describe("HTML tokenizer and text model", () => {
  it("joins text nodes with \\n, keeping whitespace nodes, without script/style/template/comments", () => {
    const page = loadPage(
      `<html><head><title>T</title><style>p{color:red}</style><script>if (a < b) { x = "</p>" }</script></head>` +
        `<body>\n<p>Un</p> <!-- <p>caché</p> --><template><p>modèle</p></template><p>Deux &amp; trois&nbsp;!</p></body></html>`
    )
    expect(page.text).toBe("T\n\n\nUn\n \nDeux & trois\u00a0!")
  })

  it("decodes named and numeric entities, normalises to NFC and ASCII apostrophes", () => {
    const page = loadPage(`<p>Pi&egrave;ce d&rsquo;identit&#233; &#x20AC; e\u0301</p>`)
    expect(page.text).toBe("Pièce d'identité € é")
  })

  it("closes implied elements and ignores stray end tags", () => {
    const root = parseHtml(`<ul><li>a<li>b</ul></span><select><option value=1>x<option value=2 selected>y</select><table><tr><td>1<td>2<tr><td>3</table>`)
    expect(findAll(root, matches("li")).map(textOf)).toEqual(["a", "b"])
    expect(findAll(root, matches("option")).map((o) => [o.attrs["value"], "selected" in o.attrs])).toEqual([["1", false], ["2", true]])
    expect(findAll(root, matches("tr")).map((tr) => findAll(tr, matches("td")).map(textOf))).toEqual([["1", "2"], ["3"]])
  })

  it("reads attributes quoted, unquoted and bare, and classes as a list", () => {
    const root = parseHtml(`<div class="a  status-badge b" data-x='1>2' id=m-1 hidden><br/><img src="x"></div><span class="status-badges">no</span>`)
    const div = findAll(root, matches("div.status-badge"))[0]
    expect(div?.attrs).toEqual({ class: "a  status-badge b", "data-x": "1>2", id: "m-1", hidden: "" })
    expect(findAll(root, matches(".status-badge"))).toHaveLength(1)
  })

  it("never throws and keeps every character of escaped text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (garbage) => {
        parseHtml(garbage)
        return true
      }),
      { numRuns: 300 }
    )
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 8 }), (texts) => {
        const html = texts.map((t) => `<p>${escapeHtml(t)}</p>`).join("")
        expect(textNodes(parseHtml(html))).toEqual(texts.filter((t) => t !== ""))
      }),
      { numRuns: 200 }
    )
  })
})
