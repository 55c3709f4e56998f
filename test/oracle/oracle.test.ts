import { execFile } from "node:child_process"
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { DEVIATIONS } from "../../src/oracle/deviations.ts"
import { decodeOracleText, kindOfFile, kindOfLine } from "../../src/oracle/format.ts"
import { EVALUATORS, formatReport, runOracleText, totalsOf } from "../../src/oracle/runner.ts"

const here = join(import.meta.dirname, ".")
const files = readdirSync(here).filter((f) => f.endsWith(".jsonl")).sort()
const run = (file: string, deviations = DEVIATIONS) => runOracleText(file, readFileSync(join(here, file), "utf8"), deviations)

describe("public oracle vectors", () => {
  it("are all present", () => {
    expect(files).toEqual([
      "can_modify_cases.jsonl", "date_cases.jsonl", "evalbox_mapping_cases.jsonl", "exam_dates_query_cases.jsonl",
      "helpers_cases.jsonl", "session_cases.jsonl", "state_cases.jsonl", "uber_cases.jsonl"
    ])
  })

  it.each(files)("%s agrees with the original apart from listed deviations", (file) => {
    const report = run(file)
    const totals = totalsOf([report])
    expect(report.errors).toEqual([])
    expect(report.disagreements.slice(0, 3)).toEqual([])
    expect(totals.disagreed).toBe(0)
    expect(totals.cases).toBeGreaterThan(0)
  })

  it("compares every helper column of every date case; French wording is never compared", () => {
    const report = run("date_cases.jsonl")
    for (const key of ["date_case", "date_analysis", "enriched_lookups", "can_modify_exam_date", "engagement", "state_engine.date_case"]) {
      const t = report.keys.get(key)
      expect(t?.agreed! + t?.excluded!, key).toBe(1041)
    }
    const wording = report.keys.get("date_analysis.case_description")
    expect(wording?.notCompared).toBe(1041)
    expect(formatReport([report])).toContain("not yet compared: date_analysis.case_description (1041)")
  })
})

describe("deviations", () => {
  it("each listed deviation excuses at least one public case and only where its selector holds", () => {
    const excluded = new Map<string, number>()
    for (const file of files) for (const [id, n] of run(file).excludedBy) excluded.set(id, (excluded.get(id) ?? 0) + n)
    for (const d of DEVIATIONS) expect(excluded.get(d.id) ?? 0).toBeGreaterThan(0)
  })

  it("a disagreement is not excused when the deviation's selector does not match", () => {
    const blind = DEVIATIONS.map((d) => ({ ...d, selector: () => false }))
    const report = run("can_modify_cases.jsonl", blind)
    expect(report.disagreements.length).toBeGreaterThan(0)
    expect(report.disagreements.every((d) => d.unmatchedDeviation === "DEV-1")).toBe(true)
    expect(formatReport([report])).toMatch(/not excused: DEV-1 selector does not match[\s\S]*FAIL$/)
  })

  it("a disagreement is not excused when running the original's way does not remove it", () => {
    const unexplaining = DEVIATIONS.map((d) => ({ ...d, original: EVALUATORS[d.file] }))
    const report = run("date_cases.jsonl", unexplaining)
    expect(report.disagreements.length).toBe(29)
    expect(report.disagreements.every((d) => d.unexplainedBy === "DEV-2")).toBe(true)
    expect(formatReport([report])).toContain("DEV-2 does not explain it")
  })

  it("without deviations the differences show up as disagreements", () => {
    expect(totalsOf([run("date_cases.jsonl", [])]).disagreed).toBeGreaterThan(0)
  })
})

describe("format", () => {
  it("tells the file kind from its name or, failing that, from the line", () => {
    expect(kindOfFile("/x/date_cases.jsonl")).toBe("date")
    expect(kindOfFile("exam_dates_query_cases.jsonl")).toBe("exam_dates_query")
    expect(kindOfFile("heldback_uber_cases.jsonl")).toBe("uber")
    expect(kindOfFile("whatever.jsonl")).toBeUndefined()
    const { lines } = decodeOracleText(readFileSync(join(here, "uber_cases.jsonl"), "utf8").split("\n")[0] as string)
    expect(kindOfLine(lines[0]!)).toBe("uber")
  })

  it("reports a malformed line with its number and the offending path", () => {
    const { lines, errors } = decodeOracleText('{"expected": {"value": 1}}\n\n{"expected": 3}\nnot json\n')
    expect(lines.length).toBe(1)
    expect(errors.map((e) => e.line)).toEqual([3, 4])
    expect(errors[0]?.message).toContain("expected")
  })
})

const execFileAsync = promisify(execFile)
const root = join(here, "..", "..")

describe("runner command", () => {
  const runCli = (tz: string) =>
    execFileAsync("node", ["bin/docflow.js", "oracle", ...files.map((f) => join("test/oracle", f))], {
      cwd: root, env: { ...process.env, TZ: tz }, maxBuffer: 16 * 1024 * 1024
    })

  it("gives the same verdict in UTC and in America/Los_Angeles", async () => {
    const [utc, la] = await Promise.all([runCli("UTC"), runCli("America/Los_Angeles")])
    const last = (s: string) => s.trim().split("\n").pop()
    expect(last(la.stdout)).toMatch(/disagreed=0 .*→ PASS$/)
    expect(la.stdout).toBe(utc.stdout)
  }, 120_000)

  it("exits non-zero on an unexcused disagreement", async () => {
    const broken = join(here, "..", "..", "test", "oracle", "fixtures", "broken_uber_cases.jsonl")
    await expect(execFileAsync("node", ["bin/docflow.js", "oracle", broken], { cwd: root })).rejects.toMatchObject({ code: 1 })
  }, 60_000)
})
