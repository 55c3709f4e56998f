import { Redacted, Schema } from "effect"
import {
  CredentialsSource,
  Examt3pData,
  Examt3pSource,
  Examt3pLoginFailed,
  Examt3pNoAccount,
  Examt3pPortalDown
} from "../../schemas/examt3p.ts"

/**
 * What the ExamT3P port returns: the shared `Examt3pStatus` outcomes, whose Ok data always says
 * its `source` (the portal, or a mirror built from the CRM deal).
 */
export { DossierChoice, Examt3pSource } from "../../schemas/examt3p.ts"

export const Examt3pResultData = Schema.extend(
  Examt3pData.omit("source"),
  Schema.Struct({ source: Examt3pSource })
).annotations({ identifier: "Examt3pResultData" })
export type Examt3pResultData = typeof Examt3pResultData.Type

export const Examt3pResultOk = Schema.TaggedStruct("Ok", {
  credentialsSource: Schema.NullOr(CredentialsSource),
  data: Examt3pResultData
})

export const Examt3pOutcome = Schema.Union(Examt3pResultOk, Examt3pNoAccount, Examt3pLoginFailed, Examt3pPortalDown).annotations({
  identifier: "Examt3pOutcome"
})
export type Examt3pOutcome = typeof Examt3pOutcome.Type

/** The login to try. The password stays `Redacted` until it is put in the login form. */
export interface Examt3pCredentials {
  readonly identifiant: string
  readonly password: Redacted.Redacted<string>
  readonly source: typeof CredentialsSource.Type | null
}

/** The subset of a CRM deal the mirror reads (API names verbatim; structural, so a `CrmDeal` fits). */
export interface MirrorDeal {
  readonly Evalbox?: string | null | undefined
  readonly NUM_DOSSIER_EVALBOX?: string | null | undefined
  readonly CMA_de_depot?: string | null | undefined
  readonly IDENTIFIANT_EVALBOX?: string | null | undefined
  readonly Date_examen_VTC?: { readonly id: string; readonly name?: string | null | undefined } | string | null | undefined
  readonly Resultat?: string | null | undefined
}

export interface FetchOptions {
  /** The dossier number the CRM knows (`NUM_DOSSIER_EVALBOX`); selects among several dossiers. */
  readonly expectedDossier?: string | null
  /** The deal, read by the CRM-mirror adapter. */
  readonly deal?: MirrorDeal
  /** The resolved exam date (`Dates_Examens_VTC_TAXI.Date_Examen`, YYYY-MM-DD) for the mirror. */
  readonly examDate?: string | null
  /** Carried into a NoAccount outcome. */
  readonly credentialsRequestSent?: boolean
  readonly accountCreationRequested?: boolean
}

export const noAccount = (options: FetchOptions | undefined): Examt3pOutcome => ({
  _tag: "NoAccount",
  credentialsRequestSent: options?.credentialsRequestSent ?? false,
  accountCreationRequested: options?.accountCreationRequested ?? false
})

export const hasUsableCredentials = (credentials: Examt3pCredentials | undefined): credentials is Examt3pCredentials =>
  credentials !== undefined && credentials.identifiant.trim() !== "" && Redacted.value(credentials.password) !== ""

/**
 * The credentials stored on the deal (`IDENTIFIANT_EVALBOX` / `MDP_EVALBOX`), or undefined when
 * either is empty. The clear password is wrapped at once so it can only leave as the login form.
 */
export const crmCredentials = (deal: {
  readonly IDENTIFIANT_EVALBOX?: string | null | undefined
  readonly MDP_EVALBOX?: string | null | undefined
}): Examt3pCredentials | undefined => {
  const identifiant = deal.IDENTIFIANT_EVALBOX?.trim() ?? ""
  const password = deal.MDP_EVALBOX ?? ""
  return identifiant === "" || password.trim() === "" ? undefined : { identifiant, password: Redacted.make(password), source: "crm" }
}
