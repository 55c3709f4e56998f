/** Keyword lists of the deterministic triage rules (§2.3–§2.4, §3.4). Matching folds accents. */

export const bounceKeywords = [
  "mail delivery subsystem", "mailer-daemon", "delivery status notification", "undeliverable",
  "delivery failure", "could not be delivered", "reporting-mta", "final-recipient", "diagnostic-code"
] as const

export const spamKeywords = ["viagra", "casino", "lottery", "prince nigerian", "bitcoin gratuit"] as const

/** Substrings of a CMA sender address. */
export const cmaSenderMarkers = ["@cma-", "@cmar-", "@cm-", "@cma."] as const

export const cmaBatchMarkers = ["plusieurs dossiers", "tableau ci-dessous", "liste des candidats"] as const

export const cmaReplyMarkers = [" a écrit :", "-----message", "---------- forwarded", "from:", "de : "] as const

/** Exact addresses and local-part prefixes of automatic notifications. */
export const noReplyExactAddresses = [
  "notifications@exament3p.fr", "noreply@aircall.io", "noreply@notify.aircall.io", "noreply@zohocalendar.com"
] as const
export const noReplyLocalParts = ["noreply", "no-reply", "notification"] as const

export const nonUberRegistrationKeywords = [
  "cpf", "compte formation", "moncompteformation", "mon compte formation", "france travail", "pole emploi",
  "kairos", "mon conseiller", "720€", "720 €", "720 euros", "tarif complet", "plein tarif",
  "financement personnel", "a mes frais", "paiement echelonne", "payer en plusieurs fois", "devis",
  "proforma", "pro forma", "opco", "fafcea", "agefice", "fif pl", "fifpl", "fonds de formation",
  "prise en charge"
] as const

export const uberConvertedKeywords = [
  "test de selection", "test d'entree", "offre uber", "formation uber", "offre a 20", "40h", "40 h",
  "40 heures", "visio 40h", "uber"
] as const

export const infoRequestKeywords = [
  "cpf", "renseignement", "information sur", "informations sur", "je souhaite savoir", "je voulais savoir",
  "serait-il possible", "est-il possible", "comment s'inscrire", "comment m'inscrire", "tarif", "prix",
  "cout", "disponibilite"
] as const

export const outOfScopeKeywords = [
  "caces", "nacelle", "cariste", "chariot elevateur", "engin", "grue", "magasinier",
  "preparateur de commandes", "poids lourd", "permis c ", "permis d ", "permis ec", "fimo", "fco",
  "transport de marchandises", "habilitation electrique", "sst", "secouriste", "travail en hauteur",
  "echafaudage", "amiante", "ss3", "ss4", "aipr", "partenariat", "offre commerciale", "offre d'emploi",
  "opportunite", "recrutement", "candidature", "mauvais destinataire", "pas pour vous"
] as const

/** §3.4 "other service" keywords (deliberately without "taxi"). */
export const otherServiceKeywords = [
  "examen pratique", "epreuve pratique", "convocation pratique", "pratique vtc", "autre formation",
  "formation pratique", "double commande", "location vehicule", "location de vehicule", "louer un vehicule",
  "cpf", "compte formation", "ambulance", "capacite de transport"
] as const

export const documentSubmissionPhrases = [
  "ci-joint", "ci joint", "cijoint", "en piece jointe", "pieces jointes", "piece jointe", "je vous transmets",
  "je vous envoie", "vous trouverez", "voici mes documents", "voici mon", "voici ma", "voici le", "voici la",
  "recepisse", "carte d'identite", "piece d'identite", "justificatif de domicile", "titre de sejour",
  "passeport", "permis de conduire", "attestation d'hebergement"
] as const

export const questionIndicators = [
  "est-ce que", "est ce que", "puis-je", "puis je", "dois-je", "dois je", "quel format", "quels documents",
  "je n'ai pas", "obligatoire", "a la place", "faut-il", "faut il", "comment"
] as const

export const attachmentDocumentKeywords = [
  "document", "piece", "justificatif", "passeport", "permis", "identite", "domicile", "fournir",
  "attestation", "hebergement"
] as const

export const attachmentNoiseNames = ["logo", "signature", "image00", "banner", "icon", "footer", "header"] as const

export const passwordWords = ["mot de passe", "password", "mdp"] as const

export const attestationWords = ["attestation", "certificat de formation", "justificatif de formation"] as const
export const franceTravailWords = ["france travail", "pole emploi"] as const

export const invoiceRequestWords = [
  "besoin d'une facture", "besoin de la facture", "envoyer la facture", "envoyer une facture",
  "m'envoyer la facture", "demande de facture", "obtenir une facture", "obtenir la facture", "ma facture svp"
] as const

export const uberOfferMentions = ["uber", "offre a 20", "20€", "20 €", "20 euros"] as const
