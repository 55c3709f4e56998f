// Runs under Deno 2 in CI: the core (schemas and pure rules) must load and work there unchanged.
import { Schema } from "effect"
import { ZohoDatacenter, zohoHosts } from "../src/schemas/config.ts"

declare const Deno: { readonly version: { readonly deno: string } }

const dc = Schema.decodeUnknownSync(ZohoDatacenter)("ca")
const hosts = zohoHosts(dc)
if (hosts.accountsUrl !== "https://accounts.zohocloud.ca") throw new Error(`unexpected hosts ${JSON.stringify(hosts)}`)
console.log(`deno smoke: ok (Deno ${Deno.version.deno})`)
