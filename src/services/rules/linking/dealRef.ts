/** Reading the ticket field `cf_opportunite` (§3.2 step 1) and writing it back. */

/** Deal id from a bare id or a CRM URL (`/Potentials/<id>`, `/Deals/<id>`, any ≥ 10-digit run). */
export const dealIdFromOpportunite = (value: string | null | undefined): string | undefined => {
  if (value === null || value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed === "") return undefined
  const fromPath = /\/(?:Potentials|Deals)\/(\d+)/i.exec(trimmed)
  if (fromPath?.[1] !== undefined) return fromPath[1]
  return /\d{10,}/.exec(trimmed)?.[0]
}

/** The URL written to `cf_opportunite` for the selected deal; `dataCentre` is the Zoho domain suffix ("eu", "com"…). */
export const opportuniteUrl = (dealId: string, dataCentre: string): string =>
  `https://crm.zoho.${dataCentre}/crm/tab/Potentials/${dealId}`
