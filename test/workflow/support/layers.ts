import { Layer } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CrashPoints, noCrashes, type CrashPointsShape } from "../../../src/pipeline/workflow/crash.ts"
import { deciderLayer } from "../../../src/pipeline/workflow/Decider.ts"
import type { SandboxOptions } from "../../../src/sandbox/index.ts"
import { ZohoOnSandbox } from "../../../src/sandbox/zohoOnSandbox.ts"
import { crmMirrorLayer } from "../../../src/services/examt3p/ExamT3P.ts"
import { layerSqliteStore } from "../../../src/services/store/Store.ts"
import { simpleDecide } from "./simpleDecider.ts"

export const freshStoreFile = (): string => join(mkdtempSync(join(tmpdir(), "docflow-workflow-")), "docflow.sqlite")

/** Sandbox Zoho, the CRM-mirror ExamT3P, a fresh SQLite store and the test decider. */
export const workflowLayer = (options: { readonly sandbox?: SandboxOptions; readonly crash?: CrashPointsShape; readonly storeFile?: string } = {}) =>
  Layer.mergeAll(
    ZohoOnSandbox(options.sandbox ?? {}),
    crmMirrorLayer,
    layerSqliteStore({ filename: options.storeFile ?? freshStoreFile() }),
    deciderLayer(simpleDecide),
    options.crash === undefined ? noCrashes : Layer.succeed(CrashPoints, options.crash)
  )
