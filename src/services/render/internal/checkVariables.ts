import Handlebars from "handlebars"

/** Helpers the templates may call; anything else is a template bug. */
export const KNOWN_HELPERS = new Set(["if", "unless", "each", "date_fr"])

export interface VariableScope {
  /** Names readable at the top level of every template. */
  readonly topLevel: ReadonlySet<string>
  /** For each list variable, the field names of its items (the scope of an `{{#each}}` body). */
  readonly listItems: Readonly<Record<string, ReadonlyArray<string>>>
}

export interface TemplateProblem {
  readonly kind: "UndeclaredVariable" | "UnknownPartial" | "UnknownHelper" | "UnescapedOutput" | "PartialInLoop"
  readonly detail: string
  readonly line: number
}

type Frame = { readonly names: ReadonlySet<string>; readonly list: string | undefined }

/**
 * Walks a parsed template and reports every reference Handlebars strict mode could not catch
 * (strict mode ignores missing names inside `{{#if}}`): undeclared variables, unknown partials
 * and helpers, `{{{unescaped}}}` output, and partials called inside a loop (they would see the
 * item, not the reply variables).
 */
export const checkTemplate = (
  source: string,
  scope: VariableScope,
  partialNames: ReadonlySet<string>
): ReadonlyArray<TemplateProblem> => {
  const problems: Array<TemplateProblem> = []
  const top: Frame = { names: scope.topLevel, list: undefined }
  const line = (node: hbs.AST.Node): number => node.loc?.start.line ?? 0

  const checkPath = (path: hbs.AST.PathExpression, frames: ReadonlyArray<Frame>): void => {
    if (path.data) return
    const frame = frames[frames.length - 1 - path.depth]
    const head = path.parts[0]
    if (frame === undefined || head === undefined) {
      if (path.parts.length === 0) return // `this` alone
      problems.push({ kind: "UndeclaredVariable", detail: path.original, line: line(path) })
      return
    }
    if (!frame.names.has(head)) {
      problems.push({ kind: "UndeclaredVariable", detail: path.original, line: line(path) })
    }
  }

  const checkExpr = (expr: hbs.AST.Expression, frames: ReadonlyArray<Frame>): void => {
    if (expr.type === "PathExpression") checkPath(expr as hbs.AST.PathExpression, frames)
    if (expr.type === "SubExpression") {
      const sub = expr as hbs.AST.SubExpression
      checkHelper(sub.path, sub.params, frames)
    }
  }

  const checkHelper = (
    path: hbs.AST.PathExpression | hbs.AST.Expression,
    params: ReadonlyArray<hbs.AST.Expression>,
    frames: ReadonlyArray<Frame>
  ): void => {
    const name = (path as hbs.AST.PathExpression).original
    if (params.length > 0 && !KNOWN_HELPERS.has(name)) {
      problems.push({ kind: "UnknownHelper", detail: String(name), line: line(path) })
    }
    for (const p of params) checkExpr(p, frames)
  }

  const walk = (program: hbs.AST.Program | undefined, frames: ReadonlyArray<Frame>): void => {
    if (program === undefined) return
    for (const stmt of program.body) {
      switch (stmt.type) {
        case "MustacheStatement": {
          const m = stmt as hbs.AST.MustacheStatement
          if (!m.escaped) problems.push({ kind: "UnescapedOutput", detail: printPath(m.path), line: line(m) })
          if (m.params.length > 0) checkHelper(m.path, m.params, frames)
          else checkExpr(m.path, frames)
          break
        }
        case "BlockStatement": {
          const b = stmt as hbs.AST.BlockStatement
          const name = printPath(b.path)
          if (!KNOWN_HELPERS.has(name)) problems.push({ kind: "UnknownHelper", detail: name, line: line(b) })
          for (const p of b.params) checkExpr(p, frames)
          const target = b.params[0]
          if (name === "each" && target?.type === "PathExpression") {
            const listName = (target as hbs.AST.PathExpression).original
            const fields = scope.listItems[listName] ?? []
            walk(b.program, [...frames, { names: new Set(fields), list: listName }])
          } else {
            walk(b.program, frames)
          }
          walk(b.inverse, frames)
          break
        }
        case "PartialStatement": {
          const p = stmt as hbs.AST.PartialStatement
          const name = printPath(p.name)
          if (!partialNames.has(name)) problems.push({ kind: "UnknownPartial", detail: name, line: line(p) })
          if (frames.length > 1) problems.push({ kind: "PartialInLoop", detail: name, line: line(p) })
          break
        }
        default:
          break
      }
    }
  }

  walk(Handlebars.parse(source), [top])
  return problems
}

const printPath = (node: hbs.AST.Expression): string =>
  node.type === "PathExpression" ? (node as hbs.AST.PathExpression).original : node.type
