import { Either, Schema } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { decodeOrExplain, formatProblems } from "../../src/schemas/decodeError.ts"
import { DeskComment, DeskDepartment, DeskThread, DeskThreadSummaryPage, DeskTicket } from "../../src/schemas/desk.ts"

/** Zoho's own Desk response examples from the OpenAPI files, decoded verbatim (the CRM files carry schemas, not examples). */
const OAS_DIR = "/work/shared/spec/zoho-oas"

const example = (file: string, response: string): unknown => {
  const spec = JSON.parse(readFileSync(join(OAS_DIR, file), "utf8")) as {
    components: { responses: Record<string, { content: Record<string, { examples: Record<string, { value: unknown }> }> }> }
  }
  const content = spec.components.responses[response]?.content["application/json"]
  const first = Object.values(content?.examples ?? {})[0]
  if (first === undefined) throw new Error(`no example for ${response} in ${file}`)
  return first.value
}

const mustDecode = <A, I>(schema: Schema.Schema<A, I, never>, value: unknown): A => {
  const result = decodeOrExplain(schema)(value)
  if (Either.isLeft(result)) throw new Error(formatProblems(result.left).join("\n"))
  return result.right
}

describe.skipIf(!existsSync(OAS_DIR))("Zoho OAS examples", () => {
  it("Desk ticket (epoch-millisecond times become ISO text)", () => {
    const ticket = mustDecode(DeskTicket, example("desk/Ticket.json", "getTicketResponse"))
    expect(ticket.ticketNumber).toBe("101")
    expect(ticket.createdTime).toBe(new Date(1383564067000).toISOString())
    expect(ticket.source?.type).toBe("SYSTEM")
    expect(ticket.threadCount).toBe(121)
  })

  it("Desk single thread and thread list", () => {
    expect(mustDecode(DeskThread, example("desk/Thread.json", "getSingleThreadResponseJson")).direction).toBe("in")
    const page = mustDecode(DeskThreadSummaryPage, example("desk/Thread.json", "getThreadsResponse"))
    expect(page.data.length).toBeGreaterThan(1)
    expect(page.data.every((t) => typeof t.author?.type === "string")).toBe(true)
  })

  it("Desk comment and department", () => {
    expect(mustDecode(DeskComment, example("desk/TicketComment.json", "getCommentResponse")).isPublic).toBe(true)
    expect(mustDecode(DeskDepartment, example("desk/Department.json", "getDepartmentResponse")).name).toBe("zPhone")
  })
})
