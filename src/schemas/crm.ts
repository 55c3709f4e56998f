import { Schema } from "effect"
import { RedactedExamt3pPassword, redactExamt3pPassword } from "./redaction.ts"
import { JsonNumber, optionalNullable, ZohoId, ZohoTimestamp } from "./zohoPrimitives.ts"

/**
 * Zoho CRM records kept exactly as Zoho returns them, API names verbatim (spec/DOMAIN.md §4, §13.3;
 * shapes seen in oracle/*.jsonl). Values are not converted: `Amount` stays `20` or `"20"`, dates stay
 * text; each rule converts what it reads. Undeclared fields are ignored; every field except `id`
 * may be missing or null.
 */

/** A lookup as Zoho returns it: `{ "name": "34_2026-03-31", "id": "…" }`. */
export const ZohoLookup = Schema.Struct({
  id: ZohoId,
  name: optionalNullable(Schema.String)
}).annotations({ identifier: "ZohoLookup" })
export type ZohoLookup = typeof ZohoLookup.Type

/** A lookup where Zoho (or older data) may leave out the id, e.g. `Lieu_de_formation`. */
export const ZohoLooseLookup = Schema.Struct({
  id: optionalNullable(ZohoId),
  name: optionalNullable(Schema.String)
}).annotations({ identifier: "ZohoLooseLookup" })
export type ZohoLooseLookup = typeof ZohoLooseLookup.Type

/** Currency/number fields: Zoho sends numbers, imported data sometimes strings such as "20". */
const NumberAsReceived = Schema.Union(JsonNumber, Schema.String)
/** Checkbox fields may arrive as the string "false"; rules compare strictly. */
const BooleanAsReceived = Schema.Union(Schema.Boolean, Schema.String)

const dealFields = {
  id: ZohoId,
  Deal_Name: optionalNullable(Schema.String),
  Amount: optionalNullable(NumberAsReceived),
  Stage: optionalNullable(Schema.String),
  Closing_Date: optionalNullable(Schema.String),
  Created_Time: optionalNullable(ZohoTimestamp),
  Modified_Time: optionalNullable(ZohoTimestamp),
  Contact_Name: optionalNullable(ZohoLookup),
  Email: optionalNullable(Schema.String),
  /** ExamT3P dossier status picklist (`Dossier Synchronisé`, `VALIDE CMA`, …). */
  Evalbox: optionalNullable(Schema.String),
  /** Lookup into `Dates_Examens_VTC_TAXI`; odd data holds a plain string. */
  Date_examen_VTC: optionalNullable(Schema.Union(ZohoLookup, Schema.String)),
  /** Lookup into `Sessions1`; odd data holds a plain string. */
  Session: optionalNullable(Schema.Union(ZohoLookup, Schema.String)),
  Session_souhait_e: optionalNullable(Schema.String),
  Preference_horaire: optionalNullable(Schema.String),
  CMA_de_depot: optionalNullable(Schema.String),
  Date_Dossier_re_u: optionalNullable(Schema.String),
  Date_test_selection: optionalNullable(Schema.String),
  Date_de_depot_CMA: optionalNullable(Schema.String),
  Compte_Uber: optionalNullable(BooleanAsReceived),
  ELIGIBLE: optionalNullable(BooleanAsReceived),
  EXAM_INCLUS: optionalNullable(Schema.String),
  Resultat: optionalNullable(Schema.String),
  IDENTIFIANT_EVALBOX: optionalNullable(Schema.String),
  NUM_DOSSIER_EVALBOX: optionalNullable(Schema.String),
  Numero_Permis: optionalNullable(Schema.String),
  /** Legacy exam date picklist, text such as "27 janvier 2026". */
  Date_exam: optionalNullable(Schema.String),
  TYPE_DE_FORMATION: optionalNullable(Schema.String),
  Frais_Examen: optionalNullable(NumberAsReceived),
  PAYE_EN_PROD: optionalNullable(BooleanAsReceived)
}

/** A `Deals` record as read from Zoho, password included. Never store or log this form. */
export const CrmDeal = Schema.Struct({
  ...dealFields,
  /** ExamT3P password in clear text. */
  MDP_EVALBOX: optionalNullable(Schema.String)
}).annotations({ identifier: "CrmDeal" })
export type CrmDeal = typeof CrmDeal.Type

/** A `Deals` record as stored in a case file: the ExamT3P password is only a redaction marker. */
export const StoredDeal = Schema.Struct({
  ...dealFields,
  MDP_EVALBOX: optionalNullable(RedactedExamt3pPassword)
}).annotations({ identifier: "StoredDeal" })
export type StoredDeal = typeof StoredDeal.Type

export const redactDeal = (deal: CrmDeal): StoredDeal => ({ ...deal, MDP_EVALBOX: redactExamt3pPassword(deal.MDP_EVALBOX) })

export const CrmContact = Schema.Struct({
  id: ZohoId,
  First_Name: optionalNullable(Schema.String),
  Last_Name: optionalNullable(Schema.String),
  Full_Name: optionalNullable(Schema.String),
  Email: optionalNullable(Schema.String),
  Secondary_Email: optionalNullable(Schema.String),
  Phone: optionalNullable(Schema.String),
  Mobile: optionalNullable(Schema.String),
  Mailing_Zip: optionalNullable(Schema.String)
}).annotations({ identifier: "CrmContact" })
export type CrmContact = typeof CrmContact.Type

/** A record of module `Dates_Examens_VTC_TAXI` (`Name` = "<Departement>_<Date_Examen>"). */
export const CrmExamDate = Schema.Struct({
  id: ZohoId,
  Name: Schema.String,
  Date_Examen: optionalNullable(Schema.String),
  /** Date or datetime with offset (`2026-03-20T23:59:00+01:00`) as stored in the CRM. */
  Date_Cloture_Inscription: optionalNullable(Schema.String),
  /** Integer in the CRM, sometimes text: compare as a zero-padded string. */
  Departement: optionalNullable(Schema.Union(Schema.String, JsonNumber)),
  /** Actif / Complet / Cloturé / Annulé / null. */
  Statut: optionalNullable(Schema.String),
  Region: optionalNullable(Schema.String),
  Libelle_Affichage: optionalNullable(Schema.String),
  Adresse_Centre: optionalNullable(Schema.String),
  Annee_Examen: optionalNullable(Schema.Union(Schema.String, JsonNumber)),
  Mois_Examen: optionalNullable(Schema.String),
  Dates_envoi_convocation: optionalNullable(Schema.String),
  Pas_eligible_Uber: optionalNullable(BooleanAsReceived)
}).annotations({ identifier: "CrmExamDate" })
export type CrmExamDate = typeof CrmExamDate.Type

/** A record of module `Sessions1`; the name prefix `cdj`/`cds` gives jour/soir. */
export const CrmTrainingSession = Schema.Struct({
  id: ZohoId,
  Name: Schema.String,
  Date_d_but: optionalNullable(Schema.String),
  Date_fin: optionalNullable(Schema.String),
  Lieu_de_formation: optionalNullable(Schema.Union(ZohoLooseLookup, Schema.String)),
  Type_de_cours: optionalNullable(Schema.String),
  Statut: optionalNullable(Schema.String),
  /** Present on some records (and in the oracle vectors); otherwise derived from `Name`. */
  session_type: optionalNullable(Schema.String)
}).annotations({ identifier: "CrmTrainingSession" })
export type CrmTrainingSession = typeof CrmTrainingSession.Type

/** The record a note is attached to: `{ name, id }` (v3), `{ module: { api_name }, id }` (v8), or a bare id. */
export const CrmNoteParent = Schema.Union(
  Schema.Struct({
    id: ZohoId,
    name: optionalNullable(Schema.String),
    module: optionalNullable(Schema.Struct({ api_name: optionalNullable(Schema.String), id: optionalNullable(ZohoId) }))
  }),
  ZohoId
).annotations({ identifier: "CrmNoteParent" })

export const CrmDealNote = Schema.Struct({
  id: ZohoId,
  Note_Title: optionalNullable(Schema.String),
  Note_Content: optionalNullable(Schema.String),
  Created_Time: ZohoTimestamp,
  Modified_Time: optionalNullable(ZohoTimestamp),
  /** The deal the note belongs to (the case file may hold notes of several deals). */
  Parent_Id: optionalNullable(CrmNoteParent),
  se_module: optionalNullable(Schema.String)
}).annotations({ identifier: "CrmDealNote" })
export type CrmDealNote = typeof CrmDealNote.Type

/** An old/new value in the timeline: text in the OAS, but lookups and numbers occur. */
export const CrmTimelineValue = Schema.Union(Schema.String, JsonNumber, Schema.Boolean, ZohoLooseLookup)

export const CrmFieldChange = Schema.Struct({
  api_name: Schema.String,
  field_label: optionalNullable(Schema.String),
  _value: optionalNullable(
    Schema.Struct({
      old: optionalNullable(CrmTimelineValue),
      new: optionalNullable(CrmTimelineValue)
    })
  )
}).annotations({ identifier: "CrmFieldChange" })
export type CrmFieldChange = typeof CrmFieldChange.Type

/** One entry of `GET /crm/v8/Deals/{id}/__timeline`. */
export const CrmTimelineEntry = Schema.Struct({
  id: optionalNullable(ZohoId),
  action: optionalNullable(Schema.String),
  audited_time: optionalNullable(ZohoTimestamp),
  done_time: optionalNullable(ZohoTimestamp),
  /** crm_ui, workflow, api, … (human sources are the UI, web forms and manual edits). */
  source: optionalNullable(Schema.String),
  done_by: optionalNullable(ZohoLooseLookup),
  field_history: optionalNullable(Schema.Array(CrmFieldChange))
}).annotations({ identifier: "CrmTimelineEntry" })
export type CrmTimelineEntry = typeof CrmTimelineEntry.Type

/** `info` of CRM list responses (search, related lists, COQL, timeline). */
export const CrmPageInfo = Schema.Struct({
  more_records: Schema.Boolean,
  per_page: optionalNullable(JsonNumber),
  count: optionalNullable(JsonNumber),
  page: optionalNullable(JsonNumber),
  sort_by: optionalNullable(Schema.String),
  sort_order: optionalNullable(Schema.String),
  next_page_token: optionalNullable(Schema.String)
}).annotations({ identifier: "CrmPageInfo" })
export type CrmPageInfo = typeof CrmPageInfo.Type

export const CrmDealTimeline = Schema.Struct({
  __timeline: Schema.Array(CrmTimelineEntry),
  info: Schema.optional(CrmPageInfo)
}).annotations({ identifier: "CrmDealTimeline" })
export type CrmDealTimeline = typeof CrmDealTimeline.Type

/** CRM list envelope `{ data, info }`; `info` is absent on single-record reads. HTTP 204 = empty list. */
export const CrmList = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({ data: Schema.Array(item), info: Schema.optional(CrmPageInfo) })

export const CrmDealList = CrmList(CrmDeal)
export const CrmContactList = CrmList(CrmContact)
export const CrmExamDateList = CrmList(CrmExamDate)
export const CrmTrainingSessionList = CrmList(CrmTrainingSession)
export const CrmDealNoteList = CrmList(CrmDealNote)

/** Per-record result of an insert/update, also the shape of CRM error bodies. */
export const CrmWriteResult = Schema.Struct({
  /** SUCCESS, INVALID_DATA, MANDATORY_NOT_FOUND, DUPLICATE_DATA, RECORD_LOCKED, … */
  code: Schema.String,
  status: Schema.String,
  message: Schema.String,
  details: optionalNullable(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
}).annotations({ identifier: "CrmWriteResult" })
export type CrmWriteResult = typeof CrmWriteResult.Type

export const CrmWriteResponse = Schema.Struct({ data: Schema.Array(CrmWriteResult) }).annotations({
  identifier: "CrmWriteResponse"
})
export type CrmWriteResponse = typeof CrmWriteResponse.Type

/** A value docflow writes to a CRM field: text, number, boolean, a lookup `{ id }`, or null to clear. */
export const CrmWriteValue = Schema.NullOr(
  Schema.Union(Schema.String, JsonNumber, Schema.Boolean, Schema.Struct({ id: Schema.String }))
).annotations({ identifier: "CrmWriteValue" })
export type CrmWriteValue = typeof CrmWriteValue.Type
