import type { IncomingMessage, ServerResponse } from "node:http"
import { Either, ParseResult, Schema } from "effect"
import { CONVERSATION_OBJECT_NAME } from "../../services/conversation/prompt.ts"
import { conversationFromKeywords } from "./keywordConversation.ts"
import { triageFromKeywords } from "./keywordTriage.ts"
import {
  errorBody, type ErrorType, forcedToolName, lastUserText, MessagesRequest, systemText, textMessage, toolUseMessage
} from "./protocol.ts"
import { rewriteReply, RewriteMode } from "./rewrite.ts"

/**
 * A stand-in for the Anthropic Messages endpoint. Structured-output requests (a forced tool) get
 * a tool_use block built from keyword rules (triage, or the conversation analysis for its tool); plain requests get a rewrite of the reply they carry.
 * Faults are chosen by the server-wide `behaviour` knob (also settable at `/_sandbox/knobs`), or per
 * request by a `[sandbox:<behaviour>]` marker anywhere in the last user message.
 */

export const SandboxBehaviour = Schema.Literal(
  "valid", // a correct answer
  "invalid", // a well-formed answer that breaks the output schema
  "malformed", // a 200 whose body is truncated JSON
  "no-tool", // prose instead of the forced tool call
  "http-500",
  "overloaded", // 529, Anthropic's "overloaded_error"
  "rate-limited", // 429
  "slow", // a correct answer after `slowMs`
  "flaky" // 529 on every odd-numbered request, a correct answer on the others
)
export type SandboxBehaviour = typeof SandboxBehaviour.Type

export interface AnthropicSandboxOptions {
  /** The key clients must send in `x-api-key`; any other value gets a 401. */
  readonly apiKey: string
  readonly behaviour?: SandboxBehaviour
  readonly rewrite?: RewriteMode
  readonly slowMs?: number
}

export interface ReceivedRequest {
  readonly model: string
  readonly behaviour: SandboxBehaviour
  readonly forcedTool: string | undefined
  readonly system: string
  readonly user: string
}

/** Mutable knobs and what the sandbox saw, for tests and the demo. */
export interface AnthropicSandboxControl {
  behaviour: SandboxBehaviour
  rewrite: RewriteMode
  slowMs: number
  readonly received: Array<ReceivedRequest>
  /** Requests refused with 401 (they are not in `received`). */
  unauthorized: number
}

const MARKER = /\[sandbox:([a-z0-9-]+)\]/

const behaviourFor = (control: AnthropicSandboxControl, userText: string): SandboxBehaviour => {
  const marker = MARKER.exec(userText)?.[1]
  return marker !== undefined && Schema.is(SandboxBehaviour)(marker) ? marker : control.behaviour
}

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json", "request-id": `req_sandbox_${Date.now()}` })
  res.end(text)
}

const sendError = (res: ServerResponse, status: number, type: ErrorType, message: string): void =>
  sendJson(res, status, errorBody(type, message))

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** An answer the output schema must refuse: a confidence outside 0..1. */
const schemaBreakingTriage = { action: "GO", target_department: "DOC", confidence: 7, reason: "sûr de moi" }

const answer = (res: ServerResponse, request: MessagesRequest, behaviour: SandboxBehaviour, rewrite: RewriteMode): void => {
  const tool = forcedToolName(request)
  switch (behaviour) {
    case "http-500":
      return sendError(res, 500, "api_error", "Internal server error")
    case "overloaded":
      return sendError(res, 529, "overloaded_error", "Overloaded")
    case "rate-limited":
      return sendError(res, 429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit")
    case "malformed": {
      const whole = JSON.stringify(textMessage(request, "{\"action\": \"GO\""))
      res.writeHead(200, { "content-type": "application/json" })
      res.end(whole.slice(0, Math.floor(whole.length / 2)))
      return
    }
    case "no-tool":
      return sendJson(res, 200, textMessage(request, "Je pense que ce candidat demande sa date d'examen."))
    case "invalid":
      return tool === undefined
        ? sendJson(res, 200, textMessage(request, ""))
        : sendJson(res, 200, toolUseMessage(request, tool, schemaBreakingTriage))
    case "flaky":
    case "valid":
    case "slow":
      return tool === undefined
        ? sendJson(res, 200, textMessage(request, rewriteReply(lastUserText(request), rewrite)))
        : sendJson(res, 200, toolUseMessage(request, tool, tool === CONVERSATION_OBJECT_NAME
          ? conversationFromKeywords(lastUserText(request))
          : triageFromKeywords(lastUserText(request))))
  }
}

export const KNOBS_PATH = "/_sandbox/knobs"

const KnobsUpdate = Schema.Struct({
  behaviour: Schema.optional(SandboxBehaviour),
  rewrite: Schema.optional(RewriteMode),
  slowMs: Schema.optional(Schema.Int.pipe(Schema.between(0, 600_000)))
})

const knobsView = (control: AnthropicSandboxControl) => ({
  behaviour: control.behaviour,
  rewrite: control.rewrite,
  slowMs: control.slowMs,
  requests: control.received.length
})

/** `GET /_sandbox/knobs` shows the knobs, `POST` changes them (JSON body, any subset). */
const handleKnobs = async (req: IncomingMessage, res: ServerResponse, control: AnthropicSandboxControl): Promise<void> => {
  if (req.method === "GET") return sendJson(res, 200, knobsView(control))
  if (req.method !== "POST") return sendError(res, 404, "invalid_request_error", `No route for ${req.method ?? "?"} ${KNOBS_PATH}`)
  const decoded = Schema.decodeUnknownEither(KnobsUpdate, { onExcessProperty: "error" })(parseJson(await readBody(req)))
  if (Either.isLeft(decoded)) {
    const problems = ParseResult.ArrayFormatter.formatErrorSync(decoded.left).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
    return sendError(res, 400, "invalid_request_error", problems.join("; "))
  }
  const update = decoded.right
  if (update.behaviour !== undefined) control.behaviour = update.behaviour
  if (update.rewrite !== undefined) control.rewrite = update.rewrite
  if (update.slowMs !== undefined) control.slowMs = update.slowMs
  return sendJson(res, 200, knobsView(control))
}

export const makeAnthropicSandbox = (options: AnthropicSandboxOptions) => {
  const control: AnthropicSandboxControl = {
    behaviour: options.behaviour ?? "valid",
    rewrite: options.rewrite ?? "faithful",
    slowMs: options.slowMs ?? 5_000,
    received: [],
    unauthorized: 0
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "").split("?")[0]
    if (path === KNOBS_PATH) return handleKnobs(req, res, control)
    if (req.method !== "POST" || path !== "/v1/messages") {
      return sendError(res, 404, "invalid_request_error", `No route for ${req.method ?? "?"} ${path ?? ""}`)
    }
    const body = await readBody(req)
    // The key is compared, never echoed: Anthropic's 401 does not repeat it either.
    if (req.headers["x-api-key"] !== options.apiKey) {
      control.unauthorized += 1
      return sendError(res, 401, "authentication_error", "invalid x-api-key")
    }
    const decoded = Schema.decodeUnknownEither(MessagesRequest)(parseJson(body))
    if (Either.isLeft(decoded)) {
      return sendError(res, 400, "invalid_request_error", "The request body is not a Messages API request")
    }
    const request = decoded.right
    const user = lastUserText(request)
    const behaviour = behaviourFor(control, user)
    control.received.push({ model: request.model, behaviour, forcedTool: forcedToolName(request), system: systemText(request), user })
    if (behaviour === "flaky" && control.received.length % 2 === 1) {
      return sendError(res, 529, "overloaded_error", "Overloaded")
    }
    if (behaviour !== "slow") return answer(res, request, behaviour, control.rewrite)
    const timer = setTimeout(() => answer(res, request, behaviour, control.rewrite), control.slowMs)
    res.on("close", () => clearTimeout(timer))
  }

  /** A plain `node:http` request listener. */
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, "api_error", "Sandbox failure")
      else res.end()
    })
  }

  return { listener, control }
}
