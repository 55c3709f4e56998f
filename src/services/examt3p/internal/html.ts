/**
 * A small, tolerant HTML tokenizer and tree builder: enough structure for the portal's few CSS-like
 * lookups and for the "text nodes joined with \n" model (spec/EXAMT3P_PORTAL.md §2.0).
 * Pure code, no DOM library, no Node API (it runs under Deno).
 */

export interface HtmlText {
  readonly kind: "text"
  readonly text: string
}

export interface HtmlElement {
  readonly kind: "element"
  readonly tag: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: Array<HtmlNode>
  readonly parent: HtmlElement | undefined
}

export type HtmlNode = HtmlText | HtmlElement

const VOID_TAGS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"
])
/** Their content is raw text, never markup; it is also left out of the text model. */
const RAW_TEXT_TAGS = new Set(["script", "style", "template", "textarea", "title"])
const HIDDEN_RAW_TAGS = new Set(["script", "style", "template"])
/** Opening one of the keys closes an open element of the listed tags (HTML's implied end tags). */
const IMPLIED_CLOSE: Readonly<Record<string, ReadonlyArray<string>>> = {
  p: ["p"],
  li: ["li"],
  option: ["option"],
  tr: ["tr"],
  td: ["td", "th"],
  th: ["td", "th"],
  dt: ["dt", "dd"],
  dd: ["dt", "dd"]
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0", euro: "€", copy: "©",
  eacute: "é", Eacute: "É", egrave: "è", Egrave: "È", ecirc: "ê", Ecirc: "Ê", euml: "ë",
  agrave: "à", Agrave: "À", acirc: "â", Acirc: "Â", ccedil: "ç", Ccedil: "Ç", icirc: "î", iuml: "ï",
  ocirc: "ô", Ocirc: "Ô", ucirc: "û", ugrave: "ù", uuml: "ü", oelig: "œ", OElig: "Œ", laquo: "«",
  raquo: "»", rsquo: "’", lsquo: "‘", ldquo: "“", rdquo: "”", hellip: "…", ndash: "–", mdash: "—",
  bull: "•", deg: "°", middot: "·"
}

export const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[body] ?? whole
  })

const ATTRIBUTE = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

const parseAttributes = (source: string): Record<string, string> => {
  const attrs: Record<string, string> = {}
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? "").toLowerCase()
    if (name === "" || name in attrs) continue
    attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "")
  }
  return attrs
}

const makeElement = (tag: string, attrs: Record<string, string>, parent: HtmlElement | undefined): HtmlElement => ({
  kind: "element",
  tag,
  attrs,
  children: [],
  parent
})

/** Parses a whole document into a synthetic `#document` root. Never throws. */
export const parseHtml = (html: string): HtmlElement => {
  const root = makeElement("#document", {}, undefined)
  const stack: Array<HtmlElement> = [root]
  const top = (): HtmlElement => stack[stack.length - 1] ?? root
  const pushText = (raw: string) => {
    if (raw.length > 0) top().children.push({ kind: "text", text: decodeEntities(raw) })
  }
  let i = 0
  while (i < html.length) {
    const lt = html.indexOf("<", i)
    if (lt < 0) {
      pushText(html.slice(i))
      break
    }
    if (lt > i) pushText(html.slice(i, lt))
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4)
      i = end < 0 ? html.length : end + 3
      continue
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const end = html.indexOf(">", lt)
      i = end < 0 ? html.length : end + 1
      continue
    }
    const closing = html[lt + 1] === "/"
    const nameMatch = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(html.slice(lt + (closing ? 2 : 1), lt + 40))
    if (nameMatch === null) {
      // A lone "<" is text.
      pushText("<")
      i = lt + 1
      continue
    }
    const tag = nameMatch[0].toLowerCase()
    const tagEnd = findTagEnd(html, lt + nameMatch[0].length + (closing ? 2 : 1))
    if (closing) {
      const index = stack.map((e) => e.tag).lastIndexOf(tag)
      if (index > 0) stack.length = index
      i = tagEnd
      continue
    }
    const inner = html.slice(lt + 1 + nameMatch[0].length, tagEnd - 1)
    const selfClosing = inner.trimEnd().endsWith("/")
    const closes = IMPLIED_CLOSE[tag]
    if (closes !== undefined) {
      // Only look within the nearest table/list/select-like container: close the open implied siblings.
      for (let depth = stack.length - 1; depth > 0; depth--) {
        const open = stack[depth]
        if (open === undefined) break
        if (closes.includes(open.tag)) {
          stack.length = depth
          break
        }
        if (["table", "tbody", "thead", "ul", "ol", "select", "dl", "div", "section", "body"].includes(open.tag)) break
      }
    }
    const element = makeElement(tag, parseAttributes(selfClosing ? inner.replace(/\/\s*$/, "") : inner), top())
    top().children.push(element)
    i = tagEnd
    if (VOID_TAGS.has(tag) || selfClosing) continue
    if (RAW_TEXT_TAGS.has(tag)) {
      const close = html.toLowerCase().indexOf(`</${tag}`, i)
      const end = close < 0 ? html.length : close
      const raw = html.slice(i, end)
      if (raw.length > 0) element.children.push({ kind: "text", text: tag === "title" || tag === "textarea" ? decodeEntities(raw) : raw })
      i = close < 0 ? html.length : findTagEnd(html, close + 2 + tag.length)
      continue
    }
    stack.push(element)
  }
  return root
}

/** Index just past the `>` that ends a tag, skipping quoted attribute values. */
const findTagEnd = (html: string, from: number): number => {
  let quote: string | undefined
  for (let j = from; j < html.length; j++) {
    const c = html[j]
    if (quote !== undefined) {
      if (c === quote) quote = undefined
    } else if (c === "\"" || c === "'") quote = c
    else if (c === ">") return j + 1
  }
  return html.length
}

// ---------------------------------------------------------------------------------------------
// Queries

export const isElement = (node: HtmlNode): node is HtmlElement => node.kind === "element"

export const hasClass = (element: HtmlElement, name: string): boolean =>
  (element.attrs["class"] ?? "").split(/\s+/).includes(name)

/** Every element under `root` (not `root` itself), in document order. */
export const descendants = (root: HtmlElement): Array<HtmlElement> => {
  const out: Array<HtmlElement> = []
  const walk = (element: HtmlElement) => {
    for (const child of element.children) {
      if (child.kind === "element") {
        out.push(child)
        walk(child)
      }
    }
  }
  walk(root)
  return out
}

export type ElementTest = (element: HtmlElement) => boolean

/** `tag.class` style test: either part may be omitted (`".status-badge"`, `"div"`). */
export const matches = (selector: string): ElementTest => {
  const [tag, ...classes] = selector.split(".")
  return (element) => (tag === "" || tag === undefined || element.tag === tag) && classes.every((c) => hasClass(element, c))
}

export const findAll = (root: HtmlElement, test: ElementTest): Array<HtmlElement> => descendants(root).filter(test)

export const findFirst = (root: HtmlElement, test: ElementTest): HtmlElement | undefined => descendants(root).find(test)

export const ancestors = (element: HtmlElement): Array<HtmlElement> => {
  const out: Array<HtmlElement> = []
  for (let current = element.parent; current !== undefined; current = current.parent) out.push(current)
  return out
}

/** Text nodes in document order, leaving out script/style/template content. */
export const textNodes = (root: HtmlElement): Array<string> => {
  const out: Array<string> = []
  const walk = (element: HtmlElement) => {
    if (HIDDEN_RAW_TAGS.has(element.tag)) return
    for (const child of element.children) {
      if (child.kind === "text") out.push(child.text)
      else walk(child)
    }
  }
  walk(root)
  return out
}

/** An element's text, trimmed, with inner whitespace runs collapsed to one space. */
export const textOf = (element: HtmlElement): string => textNodes(element).join("").replace(/\s+/g, " ").trim()
