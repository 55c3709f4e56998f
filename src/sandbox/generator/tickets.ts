/** Desk tickets with their threads: what candidates, staff and machines send to the DOC mailbox. */
import type { JsonRecord, WorldThread } from "../world.ts"
import { addTypos, asStaffForward, compose, STAFF_NOTES, toHtml, withOutlookQuote, withQuotedReply } from "./decorate.ts"
import { INTENT_TEXTS, type TextFacts } from "./intentTexts.ts"
import type { Dice } from "./random.ts"

export const TICKET_KINDS = ["candidate", "not-found", "bounce", "spam", "cma", "noreply", "out-of-scope", "non-uber"] as const
export type TicketKind = (typeof TICKET_KINDS)[number]

export const DOC_MAILBOX = "doc@cab-formations.example"
const AGENT = { name: "Équipe DOC - CAB Formations", email: DOC_MAILBOX }
const STAFF = ["sarah.m@cab-formations.example", "accueil@cab-formations.example", "mehdi.k@cab-formations.example"]

export interface TicketLabel {
  readonly ticketId: string
  readonly kind: TicketKind
  /** the intent the text was written for (candidate and not-found tickets) */
  readonly intent: string | null
  /** the deal the ticket's sender owns; null when the sender is no candidate */
  readonly dealId: string | null
  readonly shape: "single" | "quoted-reply" | "staff-forward" | "automatic"
  readonly attachments: number
}

export interface TicketInput {
  readonly n: number
  readonly ticketId: string
  readonly threadId: (k: number) => string
  readonly departmentId: string
  readonly status: "Open" | "Closed"
  readonly createdTime: string
  readonly kind: TicketKind
  readonly intent: string | null
  readonly sender: { readonly name: string; readonly email: string; readonly mobile: string | null }
  readonly dealId: string | null
  readonly facts: TextFacts
}

export interface BuiltTicket {
  readonly ticket: JsonRecord
  readonly threads: ReadonlyArray<WorldThread>
  readonly comments: ReadonlyArray<JsonRecord>
  readonly label: TicketLabel
}

const minutesLater = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, ".000Z")

const DOCUMENT_FILES: ReadonlyArray<readonly [string, number]> = [
  ["permis_recto_verso.pdf", 412_000], ["CNI.jpg", 1_830_000], ["justificatif domicile.pdf", 220_000], ["IMG_20260302_181245.jpg", 2_450_000],
  ["attestation_hebergement.pdf", 98_000], ["photo identité.png", 640_000]
]

const threadRecord = (id: string, t: { direction: "in" | "out"; from: string; to: string; name: string; at: string; description: boolean; forward: boolean; attachments: ReadonlyArray<readonly [string, number]>; type: string }): JsonRecord => ({
  id,
  channel: "EMAIL",
  direction: t.direction,
  status: "SUCCESS",
  visibility: "public",
  contentType: "html",
  fromEmailAddress: t.from,
  to: t.to,
  createdTime: t.at,
  author: { name: t.name, email: t.from, type: t.type },
  isDescriptionThread: t.description,
  isForward: t.forward,
  hasAttach: t.attachments.length > 0,
  attachmentCount: String(t.attachments.length),
  attachments: t.attachments.map(([name, size], i) => ({ id: `${id}${i + 1}`, name, size: String(size), href: `https://desk.zoho.com/api/v1/tickets/attachments/${id}${i + 1}` }))
})

const AGENT_REPLIES = [
  "Bonjour,<br><br>Nous avons bien reçu votre demande et revenons vers vous rapidement.<br><br>Bien cordialement,<br>L'équipe DOC",
  "Bonjour,<br><br>Pour avancer sur votre dossier, merci de déposer vos pièces sur votre espace ExamT3P.<br><br>L'équipe CAB Formations",
  "Bonjour,<br><br>Voici les prochaines dates d'examen disponibles dans votre département. Merci de nous confirmer votre choix.<br><br>Cordialement"
]

/** A machine or out-of-scope sender: subject and HTML body. */
const automaticMail = (dice: Dice, kind: TicketKind, f: TextFacts): { subject: string; body: string } => {
  switch (kind) {
    case "bounce":
      return {
        subject: dice.pick(["Delivery Status Notification (Failure)", "Undeliverable: Votre dossier CAB Formations", "Mail delivery failed"]),
        body: `<div>Mail Delivery Subsystem</div><div>Your message to ${f.email.replace("@", "x@")} could not be delivered. The address was not found.</div><div>Reporting-MTA: dns; mx.example.net<br>Final-Recipient: rfc822; ${f.email.replace("@", "x@")}<br>Diagnostic-Code: smtp; 550 5.1.1 user unknown</div>`
      }
    case "spam":
      return {
        subject: dice.pick(["Félicitations, vous avez gagné !", "Offre exclusive casino", "Bitcoin gratuit pour vous"]),
        body: dice.pick([
          "<div>Profitez de 500 tours gratuits au casino en ligne, inscription en 1 clic !</div>",
          "<div>Recevez votre bitcoin gratuit aujourd'hui seulement. Cliquez ici.</div>",
          "<div>You have won the international lottery, send your bank details.</div>"
        ])
      }
    case "cma":
      return dice.chance(0.5)
        ? { subject: "Votre dossier VTC", body: `<div>Madame, Monsieur,</div><div>Nous vous informons que le dossier de ${f.firstName} est incomplet : le justificatif de domicile n'est pas conforme.</div><div>Le service examens de la CMA</div>` }
        : { subject: "Dossier validé", body: `<div>Bonjour,</div><div>Nous vous confirmons que votre dossier d'inscription à l'examen VTC a été validé par nos services.</div><div>CMA - Service examens</div>` }
    case "noreply":
      return dice.chance(0.5)
        ? { subject: "Nouveau message sur votre espace", body: "<div>Un nouveau message est disponible dans votre espace candidat ExamT3P. Ne pas répondre à ce message.</div>" }
        : { subject: "Appel manqué", body: "<div>Vous avez un appel manqué du 06 12 34 56 78. Message vocal : 0:42.</div>" }
    case "out-of-scope":
      return {
        subject: dice.pick(["Formation CACES", "Demande de formation", "Formation cariste"]),
        body: dice.pick([
          "<div>Bonjour, je cherche une formation CACES nacelle, avez-vous des places le mois prochain ?</div>",
          "<div>Bonjour, proposez-vous la formation FIMO poids lourd ? Merci</div>",
          "<div>Bonjour, je souhaite devenir cariste, quel est le prix de la formation chariot élévateur ?</div>"
        ])
      }
    default:
      return {
        subject: dice.pick(["Inscription formation VTC", "Financement CPF"]),
        body: dice.pick([
          "<div>Bonjour, je voudrais m'inscrire à la formation VTC avec mon CPF, comment faire ?</div>",
          "<div>Bonjour, mon conseiller France Travail m'a parlé de votre formation, est-ce pris en charge ?</div>",
          "<div>Bonjour, je souhaite faire la formation VTC à mes frais, est-il possible de payer en plusieurs fois ?</div>"
        ])
      }
  }
}

const AUTOMATIC_SENDERS: Readonly<Partial<Record<TicketKind, ReadonlyArray<readonly [string, string]>>>> = {
  bounce: [["Mail Delivery Subsystem", "mailer-daemon@googlemail.com"], ["Postmaster", "postmaster@outlook.com"]],
  cma: [["CMA Île-de-France", "examens.vtc@cma-idf.fr"], ["CMA Hérault", "t3p@cma-herault.fr"], ["CMA Rhône", "examens@cma-lyon.fr"]],
  noreply: [["ExamT3P", "notifications@exament3p.fr"], ["Aircall", "noreply@aircall.io"]],
  spam: [["Promo", "promo@win-big.example"], ["Lucky", "lucky@casino-offers.example"]]
}

export const buildTicket = (dice: Dice, input: TicketInput): BuiltTicket => {
  const { ticketId, createdTime: at } = input
  let subject: string
  let threads: Array<WorldThread>
  let shape: TicketLabel["shape"] = "automatic"
  let attachmentCount = 0
  let from = input.sender.email
  let fromName = input.sender.name
  if (input.intent !== null && (input.kind === "candidate" || input.kind === "not-found")) {
    const texts = INTENT_TEXTS[input.intent]
    if (texts === undefined) throw new Error(`no texts for intent ${input.intent}`)
    subject = dice.pick(texts.subjects)
    const signature = dice.chance(0.6) ? `${input.facts.firstName}${dice.chance(0.4) ? ` ${fromName.split(" ").slice(1).join(" ")}` : ""}` : ""
    const text = compose(dice, dice.chance(0.3) ? addTypos(dice, dice.pick(texts.bodies)(input.facts)) : dice.pick(texts.bodies)(input.facts), signature)
    const html = toHtml(dice, text)
    const documents = input.intent === "TRANSMET_DOCUMENTS" ? dice.chance(0.8) : dice.chance(0.03)
    const files = documents ? dice.shuffle(DOCUMENT_FILES).slice(0, dice.int(1, 3)) : dice.chance(0.05) ? [["image001.png", 4_200] as const] : []
    attachmentCount = files.length
    const roll = dice.next()
    if (roll < 0.35) {
      shape = "quoted-reply"
      subject = `Re: ${subject}`
      const agentHtml = dice.pick(AGENT_REPLIES)
      const earlier = minutesLater(at, -dice.int(600, 9000))
      threads = [
        { content: agentHtml, record: threadRecord(input.threadId(1), { direction: "out", from: AGENT.email, to: from, name: AGENT.name, at: earlier, description: false, forward: false, attachments: [], type: "AGENT" }) },
        {
          content: dice.chance(0.6)
            ? withQuotedReply(html, agentHtml, AGENT.name, AGENT.email, earlier)
            : withOutlookQuote(html, agentHtml, AGENT.name, AGENT.email, from, subject.slice(4), earlier),
          record: threadRecord(input.threadId(2), { direction: "in", from, to: DOC_MAILBOX, name: fromName, at, description: false, forward: false, attachments: files, type: "END_USER" }) }
      ]
    } else if (roll < 0.43) {
      shape = "staff-forward"
      const staff = dice.pick(STAFF)
      subject = `TR: ${subject}`
      threads = [{
        content: asStaffForward(html, fromName, from, subject.slice(4), minutesLater(at, -dice.int(30, 600)), dice.pick(STAFF_NOTES)),
        record: threadRecord(input.threadId(1), { direction: "in", from: staff, to: DOC_MAILBOX, name: "CAB Formations", at, description: true, forward: true, attachments: files, type: "AGENT" })
      }]
    } else {
      shape = "single"
      threads = [{ content: html, record: threadRecord(input.threadId(1), { direction: "in", from, to: DOC_MAILBOX, name: fromName, at, description: true, forward: false, attachments: files, type: "END_USER" }) }]
    }
  } else {
    const sender = AUTOMATIC_SENDERS[input.kind]
    if (sender !== undefined) [fromName, from] = dice.pick(sender)
    const mail = automaticMail(dice, input.kind, input.facts)
    subject = mail.subject
    threads = [{ content: mail.body, record: threadRecord(input.threadId(1), { direction: "in", from, to: DOC_MAILBOX, name: fromName, at, description: true, forward: false, attachments: [], type: "END_USER" }) }]
  }
  const last = threads[threads.length - 1]
  const comments: Array<JsonRecord> = dice.chance(0.12)
    ? [{ id: input.threadId(9), content: dice.pick(["Candidat relancé par téléphone.", "Vu avec la CMA, en attente.", "Ne pas répondre avant lundi."]), contentType: "plainText", isPublic: false, commentedTime: minutesLater(at, 45), commenter: { name: "Agent DOC", type: "AGENT" } }]
    : []
  const ticket: JsonRecord = {
    id: ticketId,
    ticketNumber: String(24_000 + input.n),
    subject,
    status: input.status,
    statusType: input.status,
    departmentId: input.departmentId,
    contactId: `19870900000${String(50_000 + input.n)}`,
    email: from,
    phone: input.kind === "candidate" ? input.sender.mobile : null,
    channel: "Email",
    priority: dice.weighted([["Medium", 6], ["High", 1], [null, 1]]),
    assigneeId: null,
    createdTime: threads[0]?.record["createdTime"] ?? at,
    modifiedTime: at,
    threadCount: String(threads.length),
    commentCount: String(comments.length),
    webUrl: `https://desk.zoho.com/support/cab/ShowHomePage.do#Cases/dv/${ticketId}`,
    isSpam: false,
    cf: { cf_opportunite: null, cf_brouillon_auto: false },
    lastThread: { channel: "EMAIL", isDraft: false, isForward: last?.record["isForward"] ?? false, direction: "in" }
  }
  return {
    ticket,
    threads,
    comments,
    label: { ticketId, kind: input.kind, intent: input.intent, dealId: input.dealId, shape, attachments: attachmentCount }
  }
}
