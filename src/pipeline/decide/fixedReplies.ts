/**
 * The short fixed replies of the triage stage (§1.2 rows 1.e–1.i, 2.b): duplicate Uber offer,
 * duplicate clarification, recoverable duplicate, identity clarification and the documents
 * acknowledgement. Our own wording; validated like every reply before it may be drafted.
 */
import { Either, Schema } from "effect"
import { htmlToText, TemplateVars, validateReply } from "../../services/render/index.ts"
import type { Reply } from "../../services/render/index.ts"

export type FixedReplyKind =
  | "duplicate_uber_old_only" | "duplicate_uber_old_and_recent" | "duplicate_clarification" | "duplicate_recoverable"
  | "needs_clarification" | "documents_acknowledgement"

const escape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")

const BODIES: Readonly<Record<FixedReplyKind, ReadonlyArray<string>>> = {
  duplicate_uber_old_only: [
    "Nous avons bien reçu votre message. En vérifiant votre situation, nous constatons que vous avez déjà bénéficié de l'offre de formation VTC proposée en partenariat avec Uber lors d'une précédente inscription.",
    "Cette offre n'est accessible qu'une seule fois par personne : nous ne pouvons donc pas ouvrir une nouvelle inscription à ce titre.",
    "Si vous souhaitez tout de même préparer l'examen avec nous, nos conseillers peuvent vous présenter les autres solutions de financement (CPF, France Travail ou financement personnel). Il vous suffit de répondre à ce message."
  ],
  duplicate_uber_old_and_recent: [
    "Nous avons bien reçu votre message. En vérifiant votre situation, nous constatons que vous avez déjà bénéficié de l'offre de formation VTC proposée en partenariat avec Uber lors d'une précédente inscription, et qu'une nouvelle inscription à cette même offre vient d'être enregistrée.",
    "Cette offre n'est accessible qu'une seule fois par personne : la nouvelle inscription ne peut donc pas être prise en charge dans ce cadre.",
    "Si vous souhaitez tout de même préparer l'examen avec nous, nos conseillers peuvent vous présenter les autres solutions de financement (CPF, France Travail ou financement personnel). Il vous suffit de répondre à ce message."
  ],
  duplicate_clarification: [
    "Nous avons bien reçu votre message. Nous avons trouvé une inscription antérieure qui pourrait correspondre à la vôtre et nous souhaitons nous assurer qu'il s'agit bien de vous.",
    "Pourriez-vous nous indiquer l'adresse e-mail et le numéro de téléphone que vous aviez utilisés lors de cette première inscription ?",
    "Dès réception de ces informations, nous reprendrons le traitement de votre demande."
  ],
  duplicate_recoverable: [
    "Merci pour votre confirmation. Nous allons reprendre votre dossier d'inscription existant plutôt que d'en ouvrir un nouveau.",
    "Afin de le mettre à jour, merci de nous renvoyer vos pièces justificatives à jour : une pièce d'identité en cours de validité (recto et verso), un justificatif de domicile de moins de 3 mois et votre permis de conduire (recto et verso).",
    "Nous reviendrons vers vous dès que votre dossier aura été actualisé."
  ],
  needs_clarification: [
    "Nous avons bien reçu votre message, mais nous ne parvenons pas à retrouver votre dossier à partir de l'adresse e-mail utilisée.",
    "Pourriez-vous nous communiquer vos nom et prénom complets, l'adresse e-mail utilisée lors de votre inscription ainsi que votre numéro de téléphone ?",
    "Ces informations nous permettront de retrouver votre dossier et de vous répondre au plus vite."
  ],
  documents_acknowledgement: [
    "Nous avons bien reçu vos documents et vous en remercions.",
    "Ils vont être transmis au service en charge de votre dossier, qui reviendra vers vous si un complément est nécessaire."
  ]
}

const defaults = Schema.decodeUnknownEither(TemplateVars)

/** Renders a fixed reply and validates it with the shared validator. */
export const fixedReply = (kind: FixedReplyKind, firstName: string, today: string, primaryIntent: string | null): Reply => {
  const greeting = firstName === "" ? "Bonjour," : `Bonjour ${escape(firstName)},`
  const html = [
    `<p>${greeting}</p>`,
    ...BODIES[kind].map((p) => `<p>${escape(p)}</p>`),
    "<p>Bien cordialement,<br>L'équipe CAB Formations</p>"
  ].join("\n")
  const text = htmlToText(html)
  const vars = Either.getOrThrowWith(defaults({ prenom: firstName, primary_intent: primaryIntent ?? "" }), (e) => e)
  return { html, text, template: `fixed:${kind}`, sections: ["greeting", kind, "signature"], validation: validateReply({ html, text, vars, today }) }
}
