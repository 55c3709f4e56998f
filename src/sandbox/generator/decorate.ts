/**
 * How a candidate's words reach Desk: typos, a greeting and a signature, HTML or plain text, a
 * quoted earlier reply, or a forward by a member of staff.
 */
import type { Dice } from "./random.ts"

/** Typos that keep the meaning (and the words docflow keys on) intact. */
const TYPOS: ReadonlyArray<readonly [RegExp, string]> = [
  [/s'il vous plaît/g, "svp"], [/beaucoup/g, "bcp"], [/\bmerci\b/g, "mercii"], [/Bonjour/g, "Bjr"], [/\bd'avance\b/g, "davance"],
  [/ ,/g, ","], [/\?/g, " ??"], [/\bje suis\b/g, "jsuis"], [/\bpourriez-vous\b/g, "pourriez vous"], [/\bparce que\b/g, "parceque"]
]

export const addTypos = (dice: Dice, text: string): string =>
  TYPOS.reduce((acc, [pattern, replacement]) => (dice.chance(0.35) ? acc.replace(pattern, replacement) : acc), text)

const GREETINGS = ["Bonjour,", "Bonjour", "Bonjour madame, monsieur,", "Bonsoir,", "Bjr", "Hello,", ""]
const CLOSINGS = ["Cordialement,", "Merci d'avance.", "Bien à vous,", "Bonne journée", "Merci", ""]
const DEVICE_LINES = ["Envoyé de mon iPhone", "Envoyé depuis mon smartphone Samsung Galaxy", "Provenance : Courrier pour Windows", ""]

export const compose = (dice: Dice, body: string, signature: string): string => {
  const greeting = dice.pick(GREETINGS)
  const closing = dice.pick(CLOSINGS)
  const device = dice.chance(0.25) ? dice.pick(DEVICE_LINES) : ""
  return [greeting, body, [closing, signature].filter((l) => l !== "").join("\n"), device].filter((p) => p !== "").join("\n\n")
}

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** Desk stores mail bodies as HTML; mail clients differ in how they wrap lines. */
export const toHtml = (dice: Dice, text: string): string => {
  const paragraphs = text.split(/\n\n/).map((p) => escapeHtml(p).replace(/\n/g, "<br>"))
  return dice.chance(0.5)
    ? `<div dir="ltr">${paragraphs.map((p) => `<div>${p}</div>`).join("<div><br></div>")}</div>`
    : paragraphs.map((p) => `<p style="margin:0">${p}</p>`).join("<p><br></p>")
}

const FR_DAYS = ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."]
const FR_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]

const frenchStamp = (iso: string): string => {
  const d = new Date(iso)
  const hh = String(d.getUTCHours() + 1).padStart(2, "0")
  const mm = String(d.getUTCMinutes()).padStart(2, "0")
  return `${FR_DAYS[d.getUTCDay()] ?? ""} ${d.getUTCDate()} ${FR_MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()} à ${hh}:${mm}`
}

/** The candidate answers above our earlier message, which the mail client quotes. */
export const withQuotedReply = (html: string, earlierHtml: string, fromName: string, fromEmail: string, at: string): string =>
  `${html}<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le ${frenchStamp(at)}, ${escapeHtml(fromName)} &lt;${fromEmail}&gt; a écrit :<br></div>` +
  `<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${earlierHtml}</blockquote></div>`

/** A member of staff forwards the candidate's e-mail to the DOC mailbox. */
export const asStaffForward = (candidateHtml: string, candidateName: string, candidateEmail: string, subject: string, at: string, staffNote: string): string =>
  `<div>${escapeHtml(staffNote)}</div><br><div>---------- Forwarded message ---------<br>De : ${escapeHtml(candidateName)} &lt;${candidateEmail}&gt;<br>` +
  `Date: ${frenchStamp(at)}<br>Subject: ${escapeHtml(subject)}<br>To: contact@cab-formations.example<br></div><br>${candidateHtml}`

export const STAFF_NOTES = [
  "Pour traitement svp.",
  "Reçu sur la boîte contact, je vous transfère.",
  "Candidat Uber, à voir côté DOC.",
  "FYI, il a aussi appelé ce matin."
]

/** Outlook's way of quoting: a separator and a header block, no blockquote. */
export const withOutlookQuote = (html: string, earlierHtml: string, fromName: string, fromEmail: string, toEmail: string, subject: string, at: string): string =>
  `${html}<div><br></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>De :</b> ${escapeHtml(fromName)} &lt;${fromEmail}&gt;<br>` +
  `<b>Envoyé :</b> ${frenchStamp(at)}<br><b>À :</b> ${toEmail}<br><b>Objet :</b> ${escapeHtml(subject)}</div><div>${earlierHtml}</div>`
