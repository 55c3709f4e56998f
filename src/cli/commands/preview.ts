import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Either, Option } from "effect"
import { embeddedTemplates } from "../../services/render/index.ts"
import { galleryHtml, renderSamples } from "../../services/render/gallery.ts"
import { loadTemplates } from "../../services/render/node.ts"
import { SAMPLE_ROWS } from "../../services/render/samples/rows.ts"
import { SAMPLE_TODAY } from "../../services/render/samples/states.ts"

const out = Options.file("out").pipe(
  Options.withDefault("gallery.html"),
  Options.withDescription("Where to write the gallery (HTML).")
)

const templatesDir = Options.directory("templates", { exists: "yes" }).pipe(
  Options.optional,
  Options.withDescription("Render the .hbs files of this directory instead of the embedded templates.")
)

export const previewCommand = Command.make("preview", { out, templatesDir }, ({ out, templatesDir }) =>
  Effect.gen(function* () {
    const compiled = yield* Option.match(templatesDir, {
      onNone: () => Either.match(embeddedTemplates(), { onLeft: Effect.fail, onRight: Effect.succeed }),
      onSome: loadTemplates
    })
    const entries = renderSamples(compiled, SAMPLE_ROWS, SAMPLE_TODAY)
    const fs = yield* FileSystem.FileSystem
    yield* fs.writeFileString(out, galleryHtml(entries, SAMPLE_TODAY))
    const failing = entries.filter((e) => e.problems.length > 0)
    yield* Console.log(`${out}: ${entries.length} sample replies, ${failing.length} refused by the validator`)
    for (const e of failing) yield* Console.error(`  ${e.row.id}: ${e.problems.join("; ")}`)
  })
).pipe(Command.withDescription("Render one sample reply per reachable STATE × INTENTION row into an HTML gallery."))
