/** Thread helpers over the Desk thread schema (full thread with body and attachments). */
import type { DeskAttachment, DeskThread } from "../../../schemas/desk.ts"

export type TriageThread = DeskThread
export type ThreadAttachment = DeskAttachment

export const attachmentName = (attachment: ThreadAttachment): string => attachment.name ?? attachment.fileName ?? ""
export const attachmentSize = (attachment: ThreadAttachment): number | undefined =>
  attachment.size ?? attachment.fileSize ?? undefined

export const isDraft = (thread: TriageThread): boolean => (thread.status ?? "").toUpperCase() === "DRAFT"

export const isIncoming = (thread: TriageThread): boolean => (thread.direction ?? "in").toLowerCase() === "in"

/** Newest first by `createdTime` (ISO strings compare lexically); threads without a time keep their order. */
export const newestFirst = (threads: ReadonlyArray<TriageThread>): ReadonlyArray<TriageThread> =>
  threads
    .map((thread, index) => ({ thread, index }))
    .sort((a, b) => {
      const ta = a.thread.createdTime ?? ""
      const tb = b.thread.createdTime ?? ""
      if (ta !== "" && tb !== "" && ta !== tb) return ta < tb ? 1 : -1
      return a.index - b.index
    })
    .map(({ thread }) => thread)

/** The raw body: HTML content when present, else the plain text, else the summary. */
export const rawBody = (thread: TriageThread): string => thread.content ?? thread.plainText ?? thread.summary ?? ""

export const senderOf = (thread: TriageThread): string =>
  thread.fromEmailAddress ?? thread.author?.email ?? ""
