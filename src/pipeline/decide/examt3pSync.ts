/**
 * ExamT3P → CRM synchronisation (§10.3), planned instead of written: the changes are returned as
 * field values, applied by the caller to its in-memory deal copy and planned as an `UpdateDeal`.
 * ExamT3P is the source of truth except where the TE guard, the date rules or rule B1 say no.
 */
import type { Examt3pData } from "../../schemas/examt3p.ts"
import { canModifyExamDate } from "../../services/rules/engagement.ts"
import { evalboxFromExamt3p } from "../../services/rules/evalbox.ts"
import { isDateInPast, parseDateFlexible } from "../../services/rules/dates.ts"
import { extractDepartementFromCma } from "../../services/rules/departement.ts"
import { examt3pExamDate } from "../../services/rules/examt3pDates.ts"
import { isRecord, pyStr, truthy, type CrmRecord } from "../../services/rules/pyValues.ts"

export interface FieldChange {
  readonly field: string
  readonly from: unknown
  readonly to: string
}

export interface BlockedChange {
  readonly field: string
  readonly reason: string
}

export interface SyncPlan {
  readonly changes: ReadonlyArray<FieldChange>
  readonly blocked: ReadonlyArray<BlockedChange>
  /** the exam record the deal now points to, when the date sync moved it */
  readonly examRecord: CrmRecord | null
}

const FAILED_RESULTS = new Set(["NON ADMISSIBLE", "NON ADMIS", "ABSENT TH", "ABSENT PR"])
const EXAMT3P_WINS = /^(valide|en attente de convocation)/i

const dossierBase = (num: string): string => num.replace(/TE\d+$/i, "").replace(/^0+/, "")
const isRetake = (num: string): boolean => /TE\d+$/i.test(num)

const lookupId = (v: unknown): string | null => (isRecord(v) && truthy(v.id) ? pyStr(v.id) : typeof v === "string" && v !== "" ? v : null)

export interface SyncInput {
  readonly deal: CrmRecord
  readonly data: Examt3pData
  readonly examDates: ReadonlyArray<CrmRecord>
  /** current exam record of the deal (enriched lookup), if any */
  readonly currentExam: CrmRecord | null
  /** the same data as the rules read it (see examt3pFlagsOf) */
  readonly examt3pRecord: CrmRecord
  readonly today: string
}

const findExamRecord = (records: ReadonlyArray<CrmRecord>, iso: string, depts: ReadonlyArray<string | null>): CrmRecord | null => {
  for (const dept of depts) {
    if (dept === null) continue
    const found = records.find((r) => parseDateFlexible(r.Date_Examen) === iso && String(r.Departement ?? "").replace(/^0+/, "") === dept.replace(/^0+/, ""))
    if (found !== undefined) return found
  }
  return null
}

const planDateSync = (input: SyncInput, crmDept: string | null, examt3pDept: string | null): { change: FieldChange | null; blocked: BlockedChange | null; record: CrmRecord | null } => {
  const none = { change: null, blocked: null, record: null }
  const raw = examt3pExamDate(input.examt3pRecord)
  const iso = raw === null ? null : parseDateFlexible(raw)
  if (iso === null) return none
  const crmIso = input.currentExam === null ? null : parseDateFlexible(input.currentExam.Date_Examen)
  if (crmIso === iso) return none
  const block = (reason: string) => ({ change: null, blocked: { field: "Date_examen_VTC", reason }, record: null })
  const verdict = canModifyExamDate(input.deal.Evalbox ?? null, input.currentExam?.Date_Cloture_Inscription ?? null, input.today)
  if (!verdict.canModify) return block("règle B1 : dossier validé et clôture passée, la date ne peut plus être modifiée")
  const record = findExamRecord(input.examDates, iso, [examt3pDept, crmDept])
  const statut = pyStr(input.data.statut_dossier ?? input.data.statut_principal ?? "")
  const to = (r: CrmRecord) => ({ change: { field: "Date_examen_VTC", from: lookupId(input.deal.Date_examen_VTC), to: pyStr(r.id) }, blocked: null, record: r })
  if (EXAMT3P_WINS.test(statut.trim())) return record === null ? block(`date ExamT3P ${iso} absente du calendrier`) : to(record)
  if (crmIso !== null && isDateInPast(iso, input.today)) return block(`date ExamT3P ${iso} passée`)
  if (record !== null && isDateInPast(record.Date_Cloture_Inscription, input.today) && crmIso !== null && crmIso > iso) {
    const paid = parseDateFlexible(input.data.paiement_cma?.date ?? null)
    const cloture = parseDateFlexible(record.Date_Cloture_Inscription)
    if (paid === null || cloture === null || paid > cloture) return block(`clôture du ${iso} passée sans paiement avant la clôture`)
  }
  return record === null ? block(`date ExamT3P ${iso} absente du calendrier`) : to(record)
}

export const planExamt3pSync = (input: SyncInput): SyncPlan => {
  const { deal, data } = input
  const changes: Array<FieldChange> = []
  const blocked: Array<BlockedChange> = []
  const crmNum = pyStr(deal.NUM_DOSSIER_EVALBOX ?? "")
  const examNum = pyStr(data.num_dossier ?? "")
  if (crmNum !== "" && examNum !== "" && isRetake(examNum) && !isRetake(crmNum) && dossierBase(crmNum) === dossierBase(examNum)) {
    const resultat = pyStr(deal.Resultat ?? "")
    if (!FAILED_RESULTS.has(resultat)) changes.push({ field: "Resultat", from: deal.Resultat ?? null, to: "NON ADMISSIBLE" })
    blocked.push({ field: "Evalbox", reason: `dossier ExamT3P ${examNum} = nouvelle inscription (repassage) : statut et date protégés` })
    return { changes, blocked, examRecord: null }
  }
  const evalbox = evalboxFromExamt3p(data)
  if (evalbox !== null && evalbox !== deal.Evalbox) changes.push({ field: "Evalbox", from: deal.Evalbox ?? null, to: evalbox })
  if (!truthy(deal.IDENTIFIANT_EVALBOX) && truthy(data.identifiant)) {
    changes.push({ field: "IDENTIFIANT_EVALBOX", from: null, to: pyStr(data.identifiant) })
  }
  if (!truthy(deal.MDP_EVALBOX) && typeof data.mot_de_passe === "string") changes.push({ field: "MDP_EVALBOX", from: null, to: data.mot_de_passe })
  const crmDept = extractDepartementFromCma(deal.CMA_de_depot ?? null)
  const examt3pDept = data.departement === undefined || data.departement === null ? null : extractDepartementFromCma(pyStr(data.departement))
  if (examt3pDept !== null && (crmDept === null || Number(crmDept) !== Number(examt3pDept))) {
    changes.push({ field: "CMA_de_depot", from: deal.CMA_de_depot ?? null, to: examt3pDept })
  }
  if (examNum !== "" && examNum !== crmNum) changes.push({ field: "NUM_DOSSIER_EVALBOX", from: deal.NUM_DOSSIER_EVALBOX ?? null, to: examNum })
  const date = planDateSync(input, crmDept, examt3pDept)
  if (date.change !== null) changes.push(date.change)
  if (date.blocked !== null) blocked.push(date.blocked)
  return { changes, blocked, examRecord: date.record }
}
