/**
 * True when a value holds an own "__proto__" key at any depth. Schema records drop such a key (it
 * cannot survive an object spread); Zoho records and decisions never carry one, but the schema
 * arbitraries sometimes generate it, so round-trip properties leave those values out.
 */
export const hasProtoKey = (value: unknown): boolean =>
  typeof value === "object" && value !== null &&
  (Object.prototype.hasOwnProperty.call(value, "__proto__") || Object.values(value).some(hasProtoKey))
