import { Schema } from "effect"

/** Zoho data centres and the hosts each one serves (CA is zohocloud.ca, not zoho.ca). */
export const ZohoDatacenter = Schema.Literal("com", "eu", "in", "com.au", "jp", "com.cn", "ca", "sa")
export type ZohoDatacenter = typeof ZohoDatacenter.Type

export interface ZohoHosts {
  readonly accountsUrl: string
  readonly deskUrl: string
  readonly crmUrl: string
}

export const zohoHosts = (dc: ZohoDatacenter): ZohoHosts => {
  const accountsDomain = dc === "ca" ? "zohocloud.ca" : `zoho.${dc}`
  const apisDomain = dc === "ca" ? "zohoapis.ca" : `zohoapis.${dc}`
  return {
    accountsUrl: `https://accounts.${accountsDomain}`,
    deskUrl: `https://desk.${accountsDomain}/api/v1`,
    crmUrl: `https://www.${apisDomain}/crm/v8`
  }
}

export const DOC_DEPARTMENT_ID = "198709000025523146"
