/**
 * docflow as `docflow start` wires it (real rules and templates, the CRM-mirror ExamT3P, no LLM,
 * a fresh SQLite store) against Zoho clients pointed at a sandbox, through a probed HTTP client.
 */
import type { HttpClient } from "@effect/platform"
import { Layer } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { noCrashes } from "../../src/pipeline/workflow/crash.ts"
import { rulesDecider } from "../../src/pipeline/workflow/rulesDecider.ts"
import { crmMirrorLayer } from "../../src/services/examt3p/ExamT3P.ts"
import { ReplyTemplates } from "../../src/services/render/index.ts"
import { layerSqliteStore } from "../../src/services/store/Store.ts"
import { ZohoLive, type ZohoSettingsShape } from "../../src/services/zoho/index.ts"

export const freshStoreFile = (label: string): string => join(mkdtempSync(join(tmpdir(), `docflow-bench-${label}-`)), "docflow.sqlite")

export const docflowLayer = (options: {
  readonly settings: ZohoSettingsShape
  readonly httpClient: Layer.Layer<HttpClient.HttpClient>
  readonly fromAddress: string | undefined
  readonly storeFile: string
}) =>
  Layer.mergeAll(
    ZohoLive(options.settings, { httpClient: options.httpClient }),
    crmMirrorLayer,
    rulesDecider(options.fromAddress).pipe(Layer.provide(ReplyTemplates.embedded)),
    noCrashes,
    layerSqliteStore({ filename: options.storeFile })
  )
