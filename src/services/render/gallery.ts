import { Either } from "effect"
import type { CompiledTemplates } from "./compile.ts"
import { escapeText } from "./internal/escape.ts"
import { renderReply } from "./render.ts"
import type { SampleRow } from "./samples/rows.ts"

export interface GalleryEntry {
  readonly row: SampleRow
  readonly html: string
  readonly sections: ReadonlyArray<string>
  readonly problems: ReadonlyArray<string>
}

/** Renders every sample row; a row that fails to render or validate carries its problems. */
export const renderSamples = (
  compiled: CompiledTemplates,
  rows: ReadonlyArray<SampleRow>,
  today: string
): ReadonlyArray<GalleryEntry> =>
  rows.map((row) =>
    Either.match(renderReply(compiled, row.vars, { today }), {
      onLeft: (e) => ({ row, html: "", sections: [], problems: [`${e.reason}: ${e.message}`] }),
      onRight: (reply) => ({
        row,
        html: reply.html,
        sections: reply.sections,
        problems: reply.validation.errors.map((i) => `${i.code}: ${i.message}`)
      })
    }))

const anchor = (id: string): string => `row-${id.replace(/[^A-Za-z0-9]+/g, "-")}`

/** One HTML page showing each sample reply under its STATE × INTENTION title. */
export const galleryHtml = (entries: ReadonlyArray<GalleryEntry>, today: string): string => {
  const failing = entries.filter((e) => e.problems.length > 0).length
  const toc = entries
    .map((e) => `<li><a href="#${anchor(e.row.id)}">${escapeText(e.row.id)}</a>${e.problems.length > 0 ? " ⚠" : ""}</li>`)
    .join("\n")
  const cards = entries.map((e) => {
    const title = e.row.wildcard
      ? `${escapeText(e.row.intent)} <small>(ligne *:${escapeText(e.row.intent)}, exemple dans l'état ${escapeText(e.row.state)})</small>`
      : `${escapeText(e.row.state)} × ${escapeText(e.row.intent)}`
    const problems = e.problems.length === 0
      ? `<p class="ok">validation : OK</p>`
      : `<ul class="ko">${e.problems.map((p) => `<li>${escapeText(p)}</li>`).join("")}</ul>`
    return `<section id="${anchor(e.row.id)}">
<h2>${title}</h2>
<p class="meta">sections : ${e.sections.map(escapeText).join(" → ")}</p>
${problems}
<div class="reply">
${e.html}
</div>
</section>`
  }).join("\n")
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>docflow — galerie des réponses</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
section { border-top: 2px solid #ccc; margin-top: 2rem; }
.reply { border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 1.25rem; background: #fcfcfc; }
.meta { color: #666; font-size: 0.85rem; }
.ok { color: #1a7f37; font-size: 0.85rem; }
.ko { color: #b42318; }
h2 small { font-weight: normal; color: #666; }
</style>
</head>
<body>
<h1>Galerie des réponses — ${entries.length} lignes état × intention</h1>
<p>Variables d'exemple construites dans le code, rendues au ${escapeText(today)}. ${failing === 0 ? "Toutes les réponses passent le validateur." : `${failing} réponse(s) refusée(s) par le validateur.`}</p>
<ol>
${toc}
</ol>
${cards}
</body>
</html>
`
}
