import { Args, Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Either, Option } from "effect"
import { decide } from "../../pipeline/decide/index.ts"
import { decodeCaseFile } from "../../schemas/caseFile.ts"
import { formatProblems } from "../../schemas/decodeError.ts"
import { embeddedTemplates } from "../../services/render/index.ts"
import { InvalidInput } from "../errors.ts"

const caseFile = Args.file({ name: "case.json", exists: "yes" })
const pretty = Options.boolean("pretty").pipe(Options.withDescription("Indent the JSON for people."))
const html = Options.file("html").pipe(Options.optional, Options.withDescription("Also write the reply (HTML) to this file."))

const parseJson = (path: string, text: string): Either.Either<unknown, InvalidInput> =>
  Either.try({ try: () => JSON.parse(text) as unknown, catch: (e) => new InvalidInput({ message: `${path}: not JSON (${e instanceof Error ? e.message : String(e)})` }) })

export const decideCommand = Command.make("decide", { caseFile, pretty, html }, ({ caseFile, pretty, html }) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(caseFile).pipe(Effect.mapError((e) => new InvalidInput({ message: `cannot read ${caseFile}: ${e.message}` })))
    const raw = yield* parseJson(caseFile, text)
    const decoded = decodeCaseFile(raw)
    if (Either.isLeft(decoded)) {
      // one line per bad field (path + value); the CLI prints only the error's first line
      for (const line of formatProblems(decoded.left)) yield* Console.error(line)
      return yield* Effect.fail(new InvalidInput({ message: `${caseFile}: invalid case file (${decoded.left.length} bad field(s))` }))
    }
    const templates = yield* Either.match(embeddedTemplates(), { onLeft: Effect.fail, onRight: Effect.succeed })
    const decision = decide(decoded.right, templates)
    yield* Console.log(JSON.stringify(decision, null, pretty ? 2 : undefined))
    if (Option.isSome(html)) {
      if (decision.reply === null) yield* Console.error(`no reply for stage ${decision.stage}: ${html.value} not written`)
      else yield* fs.writeFileString(html.value, decision.reply.html)
    }
  })
).pipe(Command.withDescription("Print the decision for a gathered case file (JSON); nothing is written to Zoho."))
