/**
 * The batch report, computed from the processed and pending views and rendered as text by pure
 * functions: the same views always give the same bytes.
 */
import { pendingList, type PendingView } from "./pending.ts"
import { failureList, processedList, type FailureRecord, type ProcessedView } from "./processed.ts"

export interface CountRow {
  readonly key: string
  readonly count: number
}

export interface Report {
  readonly processed: number
  readonly pending: number
  readonly successes: number
  readonly draftsCreated: number
  readonly byAction: ReadonlyArray<CountRow>
  readonly byStage: ReadonlyArray<CountRow>
  readonly failures: ReadonlyArray<FailureRecord>
}

/** Label for records whose run ended before any decision (no triage action). */
export const NO_DECISION = "(aucune décision)"

const countBy = (keys: Iterable<string>): ReadonlyArray<CountRow> => {
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  // Largest first, then alphabetical: a total order, so the rendering is stable.
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

export const buildReport = (processed: ProcessedView, pending: PendingView): Report => {
  const records = processedList(processed)
  return {
    processed: records.length,
    pending: pendingList(pending).length,
    successes: records.filter((r) => r.success).length,
    draftsCreated: records.filter((r) => r.draft_created).length,
    byAction: countBy(records.map((r) => r.triage_action ?? NO_DECISION)),
    byStage: countBy(records.map((r) => r.workflow_stage)),
    failures: failureList(processed)
  }
}

const ACTION_MEANING: Readonly<Record<string, string>> = {
  GO: "Traitement complet, brouillon de réponse préparé",
  ROUTE: "Transféré vers un autre département",
  NEEDS_CLARIFICATION: "Candidat introuvable, précisions demandées",
  DUPLICATE_UBER: "Offre Uber à 20 € déjà utilisée (doublon)",
  DUPLICATE_CLARIFICATION: "Homonyme possible, justificatifs demandés",
  DUPLICATE_RECOVERABLE: "Doublon récupérable, reprise de l'ancien dossier",
  SPAM: "Message indésirable, ticket fermé",
  BOUNCE: "Courriel non distribué, ticket laissé ouvert",
  CMA_NOTIFICATION: "Notification de la CMA, ticket fermé",
  CMA_OTHER: "Autre courriel de la CMA, sans réponse",
  NOREPLY_NOTIFICATION: "Notification automatique, ticket fermé",
  [NO_DECISION]: "Arrêt avant la décision"
}

const percent = (part: number, whole: number): string =>
  whole === 0 ? "–" : `${((part * 100) / whole).toFixed(1).replace(".", ",")} %`

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): Array<string> => [
  `| ${header.join(" | ")} |`,
  `|${header.map(() => "---").join("|")}|`,
  ...rows.map((row) => `| ${row.map((cell) => cell.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ")).join(" | ")} |`)
]

/** Markdown-like text in French, the shape of the seed's session summary. */
export const renderReport = (report: Report): string => {
  const lines: Array<string> = [
    "# Rapport de traitement des tickets DOC",
    "",
    "## Progression",
    ...table(
      ["Métrique", "Valeur"],
      [
        ["Tickets traités", String(report.processed)],
        ["En attente", String(report.pending)],
        ["Réussis", String(report.successes)],
        ["Taux de succès", percent(report.successes, report.processed)],
        ["Brouillons créés", String(report.draftsCreated)]
      ]
    ),
    "",
    "## Répartition par action",
    ...table(
      ["Action", "Nombre", "Signification"],
      report.byAction.map((row) => [row.key, String(row.count), ACTION_MEANING[row.key] ?? "Action non répertoriée"])
    ),
    "",
    "## Étapes finales",
    ...table(["Étape", "Nombre"], report.byStage.map((row) => [row.key, String(row.count)])),
    "",
    "## Échecs"
  ]
  if (report.failures.length === 0) {
    lines.push("Aucun échec.")
  } else {
    lines.push(
      ...table(
        ["Ticket", "Date", "Étape", "Tentatives", "Statut", "Erreur"],
        report.failures.map((f) => [
          f.id,
          f.failed_at,
          f.stage,
          String(f.attempts),
          f.dead_lettered ? "file d'erreurs" : "nouvel essai prévu",
          `${f.reason} : ${f.message}`
        ])
      )
    )
  }
  return `${lines.join("\n")}\n`
}
