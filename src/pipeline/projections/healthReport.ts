/**
 * `docflow report --health`: the health view summarised — counts per check and severity, the
 * batch-level INFO checks of DOMAIN.md §12.3 (I1–I4), then the offending tickets with a short
 * reason. Pure: the same view always gives the same text.
 */
import { TICKET_CHECKS, type Severity } from "./healthChecks.ts"
import { healthList, type HealthView, type TicketHealth } from "./health.ts"

/** I1 fires above this share of SKIPPED_DRAFT_EXISTS among the checked tickets (the seed's threshold is not recorded). */
export const HIGH_SKIP_RATE = 0.3
/** I2 / I3 list intents with at least this many replies. */
const MIN_REPLIES_PER_INTENT = 1

export interface CheckCount {
  readonly check: string
  readonly severity: Severity
  readonly tickets: number
}

export interface IntentRate {
  readonly intent: string
  readonly part: number
  readonly whole: number
}

export interface HealthSummary {
  readonly tickets: number
  readonly checked: number
  readonly skipped: number
  readonly healthy: number
  readonly bySeverity: Readonly<Record<Severity, number>>
  readonly byCheck: ReadonlyArray<CheckCount>
  readonly info: ReadonlyArray<{ readonly check: string; readonly detail: string }>
  readonly validationByIntent: ReadonlyArray<IntentRate>
  readonly humanizerByIntent: ReadonlyArray<IntentRate>
  readonly offenders: ReadonlyArray<TicketHealth>
}

const SEVERITIES: ReadonlyArray<Severity> = ["CRITICAL", "ERROR", "WARNING", "INFO"]
const rank = (s: Severity): number => SEVERITIES.indexOf(s)
const NO_INTENT = "(sans intention)"

const rates = (rows: ReadonlyArray<TicketHealth>, counted: (t: TicketHealth) => boolean | null): ReadonlyArray<IntentRate> => {
  const byIntent = new Map<string, { part: number; whole: number }>()
  for (const t of rows) {
    const hit = counted(t)
    if (hit === null) continue
    const key = t.intent ?? NO_INTENT
    const entry = byIntent.get(key) ?? { part: 0, whole: 0 }
    byIntent.set(key, { part: entry.part + (hit ? 1 : 0), whole: entry.whole + 1 })
  }
  return [...byIntent.entries()]
    .filter(([, r]) => r.whole >= MIN_REPLIES_PER_INTENT)
    .map(([intent, r]) => ({ intent, ...r }))
    .sort((a, b) => a.part / a.whole - b.part / b.whole || b.whole - a.whole || (a.intent < b.intent ? -1 : 1))
}

/** I4: one deal, tickets that disagree on whether its dossier is finished. */
const contradictions = (rows: ReadonlyArray<TicketHealth>): ReadonlyArray<string> => {
  const byDeal = new Map<string, Array<TicketHealth>>()
  for (const t of rows) {
    if (t.dealId === null || t.dossierTermine === null) continue
    byDeal.set(t.dealId, [...(byDeal.get(t.dealId) ?? []), t])
  }
  return [...byDeal.entries()]
    .filter(([, ts]) => new Set(ts.map((t) => t.dossierTermine)).size > 1)
    .map(([deal, ts]) => `deal ${deal} : dossier terminé selon ${ts.filter((t) => t.dossierTermine).map((t) => t.id).join(", ")}, en cours selon ${ts.filter((t) => !t.dossierTermine).map((t) => t.id).join(", ")}`)
    .sort()
}

const percent = (part: number, whole: number): string =>
  whole === 0 ? "–" : `${((part * 100) / whole).toFixed(1).replace(".", ",")} %`

export const summarizeHealth = (view: HealthView): HealthSummary => {
  const rows = healthList(view)
  const checked = rows.filter((t) => !t.stage.startsWith("SKIPPED"))
  const skippedDraft = rows.filter((t) => t.stage === "SKIPPED_DRAFT_EXISTS").length
  const bySeverity: Record<Severity, number> = { CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0 }
  const perCheck = new Map<string, number>()
  for (const t of rows) {
    for (const f of t.findings) bySeverity[f.severity] += 1
    for (const check of new Set(t.findings.map((f) => f.check))) perCheck.set(check, (perCheck.get(check) ?? 0) + 1)
  }
  const byCheck = Object.entries(TICKET_CHECKS)
    .map(([check, severity]) => ({ check, severity, tickets: perCheck.get(check) ?? 0 }))
    .filter((c) => c.tickets > 0)
  const validationByIntent = rates(checked, (t) => t.validationOk)
  const humanizerByIntent = rates(checked, (t) => (t.humanizer === null || t.humanizer === "disabled" ? null : t.humanizer === "used"))
  const info: Array<{ check: string; detail: string }> = []
  if (rows.length > 0 && skippedDraft / rows.length > HIGH_SKIP_RATE) {
    info.push({ check: "I1_HIGH_SKIP_RATE", detail: `${percent(skippedDraft, rows.length)} des tickets ignorés car un brouillon existait (seuil ${percent(HIGH_SKIP_RATE, 1)})` })
  }
  const poorlyValidated = validationByIntent.filter((r) => r.part < r.whole)
  if (poorlyValidated.length > 0) {
    info.push({ check: "I2_INTENT_VALIDATION_RATE", detail: poorlyValidated.map((r) => `${r.intent} ${percent(r.part, r.whole)} (${r.part}/${r.whole})`).join(" ; ") })
  }
  if (humanizerByIntent.length > 0) {
    info.push({ check: "I3_INTENT_HUMANIZER_RATE", detail: humanizerByIntent.map((r) => `${r.intent} ${percent(r.part, r.whole)} (${r.part}/${r.whole})`).join(" ; ") })
  }
  for (const detail of contradictions(rows)) info.push({ check: "I4_CONTRADICTORY_RESPONSES", detail })
  bySeverity.INFO += info.length
  const offenders = rows
    .filter((t) => t.findings.length > 0)
    .sort((a, b) => {
      const worst = (t: TicketHealth) => Math.min(...t.findings.map((f) => rank(f.severity)))
      return worst(a) - worst(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    })
  return {
    tickets: rows.length,
    checked: checked.length,
    skipped: rows.length - checked.length,
    healthy: checked.filter((t) => t.findings.length === 0).length,
    bySeverity,
    byCheck,
    info,
    validationByIntent,
    humanizerByIntent,
    offenders
  }
}

/** true when some ticket has a CRITICAL or ERROR finding. */
export const hasSeriousFindings = (summary: HealthSummary): boolean => summary.bySeverity.CRITICAL + summary.bySeverity.ERROR > 0

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ")

export const renderHealth = (summary: HealthSummary): string => {
  const findings = summary.bySeverity.CRITICAL + summary.bySeverity.ERROR + summary.bySeverity.WARNING
  const lines: Array<string> = [
    "# Contrôle de santé des tickets traités",
    "",
    `Tickets : ${summary.tickets} (${summary.checked} contrôlés, ${summary.skipped} ignorés), ${summary.healthy} sans anomalie.`,
    `Anomalies : ${summary.bySeverity.CRITICAL} critique(s), ${summary.bySeverity.ERROR} erreur(s), ${summary.bySeverity.WARNING} avertissement(s), ${summary.bySeverity.INFO} info(s).`,
    "",
    "## Par contrôle"
  ]
  if (summary.byCheck.length === 0) lines.push("Aucun contrôle en défaut.")
  else {
    lines.push("| Contrôle | Gravité | Tickets |", "|---|---|---|")
    for (const c of summary.byCheck) lines.push(`| ${c.check} | ${c.severity} | ${c.tickets} |`)
  }
  lines.push("", "## Indicateurs du lot")
  if (summary.info.length === 0) lines.push("Rien à signaler.")
  else for (const i of summary.info) lines.push(`- ${i.check} : ${i.detail}`)
  lines.push("", "## Tickets en anomalie")
  if (summary.offenders.length === 0) lines.push("Aucun.")
  else {
    lines.push("| Ticket | Étape | Gravité | Contrôle | Motif |", "|---|---|---|---|---|")
    for (const t of summary.offenders) {
      for (const f of [...t.findings].sort((a, b) => rank(a.severity) - rank(b.severity))) {
        lines.push(`| ${t.id} | ${t.stage} | ${f.severity} | ${f.check} | ${cell(f.detail)} |`)
      }
    }
  }
  lines.push(
    "",
    findings === 0
      ? "Verdict : aucune anomalie."
      : hasSeriousFindings(summary)
        ? `Verdict : ${summary.offenders.length} ticket(s) en anomalie, dont des critiques ou erreurs — à relire avant envoi.`
        : `Verdict : ${summary.offenders.length} ticket(s) avec avertissements seulement.`
  )
  return `${lines.join("\n")}\n`
}
