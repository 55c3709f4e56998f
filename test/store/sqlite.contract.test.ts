import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { layerSqliteStore } from "../../src/services/store/Store.ts"
import { storeContract } from "./contract.ts"

const freshFile = () => join(mkdtempSync(join(tmpdir(), "docflow-store-")), "docflow.sqlite")

storeContract("SQLite", () => layerSqliteStore({ filename: freshFile() }))
