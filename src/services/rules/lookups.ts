/** `enrich_deal_lookups` (§4.3): the records behind a deal's exam-date and session lookups. */
import { Modules, SessionPrefix } from "./constants.ts"
import type { CrmReader } from "./crmQuery.ts"
import { isRecord, pyStr, truthy, type CrmRecord } from "./pyValues.ts"

export interface EnrichedLookups {
  readonly date_examen_record: CrmRecord | null
  readonly session_record: CrmRecord | null
  readonly date_examen: unknown
  readonly date_cloture: unknown
  readonly departement: unknown
  readonly session_name: unknown
  readonly session_type: unknown
  readonly session_date_debut: unknown
  readonly session_date_fin: unknown
}

export const EMPTY_LOOKUPS: EnrichedLookups = {
  date_examen_record: null,
  session_record: null,
  date_examen: null,
  date_cloture: null,
  departement: null,
  session_name: null,
  session_type: null,
  session_date_debut: null,
  session_date_fin: null
}

const fetchLookup = (crm: CrmReader, deal: CrmRecord, field: string, module: string): CrmRecord | null => {
  const lookup = deal[field]
  if (!truthy(lookup) || !isRecord(lookup) || !("id" in lookup)) return null
  const answer = crm.getRecord({ _tag: "GetRecord", module, id: pyStr(lookup.id), via: "client" })
  return answer._tag === "Ok" && answer.value !== null && truthy(answer.value) ? answer.value : null
}

/** Session type from the record's field, else from its name (cds / "cours du soir" first). */
export const sessionTypeOfRecord = (record: CrmRecord): unknown => {
  if (truthy(record.session_type)) return record.session_type
  if (truthy(record.Name)) {
    const name = pyStr(record.Name).toLowerCase()
    if (name.includes(SessionPrefix.soir) || name.includes("cours du soir")) return "soir"
    if (name.includes(SessionPrefix.jour) || name.includes("cours du jour")) return "jour"
  }
  return record.session_type ?? null
}

export const enrichDealLookups = (crm: CrmReader, deal: CrmRecord): EnrichedLookups => {
  const exam = fetchLookup(crm, deal, "Date_examen_VTC", Modules.examDates)
  const session = fetchLookup(crm, deal, "Session", Modules.sessions)
  return {
    ...EMPTY_LOOKUPS,
    ...(exam
      ? {
          date_examen_record: exam,
          date_examen: exam.Date_Examen ?? null,
          date_cloture: exam.Date_Cloture_Inscription ?? null,
          departement: exam.Departement ?? null
        }
      : {}),
    ...(session
      ? {
          session_record: session,
          session_name: session.Name ?? null,
          session_date_debut: session.Date_d_but ?? null,
          session_date_fin: session.Date_fin ?? null,
          session_type: sessionTypeOfRecord(session)
        }
      : {})
  }
}
