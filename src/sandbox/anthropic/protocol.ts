import { Schema } from "effect"

/**
 * The subset of the Anthropic Messages API (`POST /v1/messages`) the sandbox reads and writes.
 * Only what @effect/ai-anthropic sends and decodes is modelled; unknown request fields are ignored.
 */

const TextBlock = Schema.Struct({ type: Schema.Literal("text"), text: Schema.String })
const OtherBlock = Schema.Struct({ type: Schema.String })
const ContentBlock = Schema.Union(TextBlock, OtherBlock)

const Content = Schema.Union(Schema.String, Schema.Array(ContentBlock))

export const MessagesRequest = Schema.Struct({
  model: Schema.String,
  max_tokens: Schema.Number,
  system: Schema.optional(Content),
  messages: Schema.Array(Schema.Struct({ role: Schema.Literal("user", "assistant"), content: Content })),
  tools: Schema.optional(Schema.Array(Schema.Struct({ name: Schema.String }))),
  tool_choice: Schema.optional(Schema.Struct({ type: Schema.String, name: Schema.optional(Schema.String) }))
})
export type MessagesRequest = typeof MessagesRequest.Type

const textOf = (content: typeof Content.Type | undefined): string => {
  if (content === undefined) return ""
  if (typeof content === "string") return content
  return content.map((block) => ("text" in block && typeof block.text === "string" ? block.text : "")).join("\n")
}

export const systemText = (request: MessagesRequest): string => textOf(request.system)

/** Text of the last user turn (the one the model answers). */
export const lastUserText = (request: MessagesRequest): string => {
  const users = request.messages.filter((m) => m.role === "user")
  const last = users[users.length - 1]
  return last === undefined ? "" : textOf(last.content)
}

/** The tool the client forces (structured output through `tool_choice: {type: "tool"}`), if any. */
export const forcedToolName = (request: MessagesRequest): string | undefined =>
  request.tool_choice?.type === "tool" ? request.tool_choice.name : undefined

export type ErrorType =
  | "invalid_request_error" | "authentication_error" | "rate_limit_error" | "api_error" | "overloaded_error"

export const errorBody = (type: ErrorType, message: string) => ({ type: "error", error: { type, message } })

let sequence = 0
const nextId = (prefix: string): string => {
  sequence += 1
  return `${prefix}_sandbox${Date.now().toString(36)}${sequence.toString(36)}`
}

const usage = (request: MessagesRequest, output: string) => ({
  input_tokens: Math.ceil((systemText(request).length + lastUserText(request).length) / 4),
  output_tokens: Math.ceil(output.length / 4)
})

/** A reply carrying one `tool_use` block: how the client receives structured output. */
export const toolUseMessage = (request: MessagesRequest, toolName: string, input: Readonly<Record<string, unknown>>) => ({
  id: nextId("msg"),
  type: "message",
  role: "assistant",
  model: request.model,
  content: [{ type: "tool_use", id: nextId("toolu"), name: toolName, input }],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: usage(request, JSON.stringify(input))
})

/** A plain text reply. */
export const textMessage = (request: MessagesRequest, text: string) => ({
  id: nextId("msg"),
  type: "message",
  role: "assistant",
  model: request.model,
  content: [{ type: "text", text }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: usage(request, text)
})
