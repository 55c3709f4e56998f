/**
 * What candidates write, per intent (DOMAIN.md §2.6): several phrasings each, filled with the
 * candidate's own facts. Subjects are drawn separately so that the same body meets several subjects.
 */
export interface TextFacts {
  readonly firstName: string
  readonly examDay: string | undefined
  readonly departement: string
  readonly month: string
  readonly email: string
}

type Phrase = (f: TextFacts) => string

export interface IntentTexts {
  readonly subjects: ReadonlyArray<string>
  readonly bodies: ReadonlyArray<Phrase>
}

const t = (...bodies: ReadonlyArray<Phrase>) => bodies

export const INTENT_TEXTS: Readonly<Record<string, IntentTexts>> = {
  DEMANDE_IDENTIFIANTS: {
    subjects: ["Identifiants", "Codes ExamT3P", "Accès espace candidat"],
    bodies: t(
      () => "Je n'ai toujours pas reçu mes identifiants pour le site de la CMA, pouvez-vous me les renvoyer ?",
      () => "J'ai oublié mon mot de passe ExamT3P, pourriez-vous me le communiquer svp",
      () => "Quels sont mes identifiants pour me connecter à mon espace candidat ? Je ne les ai jamais eus.",
      () => "Bonjour j'ai perdu mes codes d'accès, pouvez vous me les transmettre à nouveau",
      () => "jai pas recu mes identifiants examt3p depuis mon inscription, vous pouvez me les renvoyer svp",
      () => "Mon mot de passe ne me revient plus, pouvez-vous me redonner mes identifiants ?"
    )
  },
  ENVOIE_IDENTIFIANTS: {
    subjects: ["Mes identifiants", "Re: Identifiants", "compte examt3p"],
    bodies: t(
      (f) => `Voici mes identifiants comme demandé : identifiant : ${f.email} mot de passe : Taxi2026!`,
      (f) => `Comme demandé, voici les accès de mon compte. Login : ${f.email}\nMdp : Vtc.${f.firstName}93`
    )
  },
  REFUS_PARTAGE_CREDENTIALS: {
    subjects: ["Mes codes", "Re: demande d'identifiants"],
    bodies: t(
      () => "Je ne souhaite pas vous communiquer mon mot de passe, c'est personnel. Faites l'inscription de votre côté.",
      () => "Je refuse de partager mes identifiants, pour des raisons de sécurité. Comment faire autrement ?"
    )
  },
  PROBLEME_CONNEXION_EXAMT3P: {
    subjects: ["Connexion impossible", "Problème ExamT3P", "site CMA bloqué"],
    bodies: t(
      () => "Je n'arrive pas à me connecter sur ExamT3P, le site me dit que mes identifiants sont incorrects.",
      () => "Impossible d'accéder à mon espace candidat sur examt3p, ça bloque à chaque fois.",
      () => "Le site examt3p ne fonctionne pas chez moi, erreur à la connexion depuis hier."
    )
  },
  DEMANDE_ELEARNING_ACCESS: {
    subjects: ["E-learning", "Accès formation en ligne", "Plateforme de cours"],
    bodies: t(
      () => "Je voudrais recevoir l'accès à la plateforme e-learning pour commencer à réviser.",
      () => "Pouvez-vous m'envoyer le lien pour le e-learning ? Je n'ai pas reçu les codes de la formation en ligne.",
      () => "Quand vais-je avoir accès aux cours en ligne (elearning) ?"
    )
  },
  PROBLEME_CONNEXION_ELEARNING: {
    subjects: ["Bug e-learning", "Plateforme bloquée"],
    bodies: t(
      () => "Je n'arrive plus à me connecter au e-learning, la page reste blanche.",
      () => "La plateforme de formation ne fonctionne pas, impossible d'ouvrir les modules.",
      () => "Problème sur l'elearning : mon accès est bloqué depuis ce matin."
    )
  },
  DEMANDE_DATE_VISIO: {
    subjects: ["Formation 40h", "Dates de la visio"],
    bodies: t(
      () => "Quand commence la formation de 40h en visio ? Je n'ai pas encore reçu le planning.",
      () => "Je voulais connaître les horaires de la formation en visio 40 heures svp.",
      () => "Les 40h c'est quand ? Merci de me donner la date de début."
    )
  },
  DEMANDE_LIEN_VISIO: {
    subjects: ["Lien Zoom", "Lien du cours"],
    bodies: t(
      () => "Je n'ai pas le lien zoom pour la classe virtuelle de demain, pouvez-vous me l'envoyer ?",
      () => "Pouvez-vous me renvoyer le lien de la visio svp, je ne le retrouve plus."
    )
  },
  DEMANDE_DATE_EXAMEN: {
    subjects: ["Date d'examen", "Mon examen", "examen vtc"],
    bodies: t(
      () => "Pouvez-vous me rappeler la date de mon examen ? Je ne la retrouve plus.",
      () => "Quelle est la date de mon examen VTC svp ?",
      () => "C'est quand mon examen ? On ne m'a rien dit.",
      () => "Je voulais savoir la date de mon examen, je dois poser mes congés.",
      () => "Pouvez vous me redonner la date de l'examen svp je l'ai perdu"
    )
  },
  DEMANDE_DATES_FUTURES: {
    subjects: ["Prochaines dates", "Dates d'examen disponibles"],
    bodies: t(
      (f) => `Quelles sont les prochaines dates d'examen disponibles dans le ${f.departement} ?`,
      () => "Je voudrais connaître les dates d'examen disponibles pour m'inscrire.",
      () => "Quand est-ce que je peux passer l'examen ? Merci de m'indiquer les dates possibles."
    )
  },
  DEMANDE_AUTRES_DEPARTEMENTS: {
    subjects: ["Autre département", "Examen ailleurs"],
    bodies: t(
      () => "Est-ce que je peux passer l'examen dans un autre département ? Il n'y a rien avant longtemps chez moi.",
      () => "Je souhaiterais changer de département pour l'examen, plus près de chez moi si possible."
    )
  },
  REPORT_DATE: {
    subjects: ["Report examen", "Changement de date"],
    bodies: t(
      () => "Je souhaite reporter mon examen, je ne serai pas disponible à cette date pour raisons professionnelles.",
      () => "Est-il possible de décaler mon examen à une date ultérieure ? Je travaille ce jour-là.",
      () => "Je ne pourrai pas me présenter à l'examen, pouvez-vous me proposer une autre date ?",
      () => "Je voudrais changer la date de mon examen, je serai à l'étranger ce mois-là."
    )
  },
  DEMANDE_DATE_PLUS_TOT: {
    subjects: ["Examen plus tôt", "Avancer ma date"],
    bodies: t(
      () => "Est-ce qu'il serait possible d'avancer mon examen ? Je voudrais le passer au plus vite.",
      () => "Y a-t-il une date plus proche ? Je suis prêt et je veux passer l'examen le plus tôt possible."
    )
  },
  FORCE_MAJEURE_REPORT: {
    subjects: ["Report pour raison médicale", "Hospitalisation", "Décès familial"],
    bodies: t(
      () => "Je suis hospitalisé la semaine de l'examen, je dois reporter mon examen. J'ai un certificat médical.",
      () => "Suite au décès de mon père je ne pourrai pas passer l'examen, je dois le reporter.",
      () => "J'ai eu un accident et je suis en arrêt maladie, je souhaite reporter mon examen."
    )
  },
  CONFIRMATION_DATE_EXAMEN: {
    subjects: ["Confirmation date", "Re: dates proposées"],
    bodies: t(
      (f) => `Je confirme la date du ${f.examDay ?? "12 mai"} pour l'examen.`,
      (f) => `Ok pour le ${f.examDay ?? "15 juin"}, je prends cette date d'examen.`,
      () => "Je choisis la première date d'examen que vous m'avez proposée."
    )
  },
  CONFIRMATION_SESSION: {
    subjects: ["Choix de session", "Re: sessions de formation"],
    bodies: t(
      () => "Je choisis les cours du soir, ça m'arrange avec mon travail.",
      () => "Je préfère la session en journée, les cours du jour.",
      () => "Ok pour la formation du soir."
    )
  },
  DEMANDE_CHANGEMENT_SESSION: {
    subjects: ["Changement de session", "Mauvaise session"],
    bodies: t(
      () => "Je voudrais changer de session et passer en cours du soir.",
      () => "Est-il possible de modifier ma session de formation ? Je ne peux plus en journée.",
      () => "Je pense qu'il y a une erreur de session, ce n'est pas celle que j'avais demandée."
    )
  },
  QUESTION_SESSION: {
    subjects: ["Question formation", "Horaires"],
    bodies: t(
      () => "Comment se déroule la formation ? C'est tous les jours ?",
      () => "Quels sont les horaires de la formation en cours du soir ?",
      () => "Quelle est la différence entre la session du jour et du soir ?"
    )
  },
  DEMANDE_CONVOCATION: {
    subjects: ["Convocation", "Pas de convocation"],
    bodies: t(
      () => "Je n'ai toujours pas reçu ma convocation pour l'examen, est-ce normal ?",
      () => "Où est-ce que je peux trouver ma convocation ?",
      () => "Bonjour, quand vais-je recevoir la convoquation ?",
      () => "Mon examen approche et je n'ai rien reçu, pas de convocation dans mes mails ni mes spams."
    )
  },
  STATUT_DOSSIER: {
    subjects: ["Mon dossier", "Suivi inscription", "Avancement"],
    bodies: t(
      () => "Où en est mon dossier d'inscription ? Je n'ai pas de nouvelles.",
      () => "Pouvez-vous me dire l'état de mon dossier svp ?",
      () => "Avez-vous bien reçu mon dossier ? Je voudrais savoir où en est mon inscription.",
      () => "Des nouvelles de mon dossier ? Ça fait 3 semaines que j'attends.",
      () => "Je voudrais connaître l'avancement de mon inscription, merci."
    )
  },
  QUESTION_PROCESSUS: {
    subjects: ["Les étapes", "Comment ça marche"],
    bodies: t(
      () => "Quelles sont les prochaines étapes pour moi maintenant ?",
      () => "Je ne comprends pas bien, que dois-je faire maintenant ?",
      () => "Pouvez-vous m'expliquer les démarches à suivre ?"
    )
  },
  DOCUMENT_QUESTION: {
    subjects: ["Documents à fournir", "Question pièces"],
    bodies: t(
      () => "Quels sont les documents à fournir pour l'inscription ?",
      () => "Est-ce que je dois fournir un justificatif de domicile de moins de 3 mois ?",
      () => "Quel format pour les fichiers, pdf ou photo ?"
    )
  },
  ENVOIE_DOCUMENTS: {
    subjects: ["Documents déposés", "C'est fait"],
    bodies: t(
      () => "J'ai déposé mes documents sur le site, vous pouvez vérifier.",
      () => "C'est fait, j'ai téléchargé le justificatif de domicile sur mon espace.",
      () => "Je viens d'ajouter les pièces manquantes sur la plateforme."
    )
  },
  TRANSMET_DOCUMENTS: {
    subjects: ["Documents", "Pièces jointes", "Mon permis"],
    bodies: t(
      () => "Ci-joint mes documents pour le dossier.",
      () => "Je vous transmets mon permis et ma pièce d'identité en pièce jointe.",
      () => "Voici mon justificatif de domicile comme demandé.",
      () => "ci joint le permis recto verso et la carte d'identité",
      () => "Je vous envoie les documents manquants en pièces jointes."
    )
  },
  SIGNALE_PROBLEME_DOCS: {
    subjects: ["Problème de téléchargement", "Documents refusés par le site"],
    bodies: t(
      () => "Je n'arrive pas à télécharger mes documents sur le site, ça met une erreur.",
      () => "Mes fichiers sont trop lourds, le site refuse le permis.",
      () => "Impossible de déposer le justificatif, la plateforme bloque."
    )
  },
  QUESTION_PERMIS_ETRANGER: {
    subjects: ["Permis étranger", "Question permis"],
    bodies: t(
      () => "J'ai un permis algérien, est-ce que je peux m'inscrire ?",
      () => "J'ai un permis obtenu à l'étranger, c'est accepté pour le VTC ?",
      () => "Je dois échanger mon permis marocain, je peux quand même m'inscrire à la formation ?"
    )
  },
  QUESTION_CARTE_SEJOUR: {
    subjects: ["Titre de séjour", "Carte de séjour expirée"],
    bodies: t(
      () => "Mon titre de séjour est expiré, j'ai un récépissé de renouvellement. Est-ce suffisant ?",
      () => "Ma carte de séjour arrive en fin de validité le mois prochain, est-ce un problème ?"
    )
  },
  QUESTION_HEBERGEMENT: {
    subjects: ["Justificatif de domicile", "Hébergement"],
    bodies: t(
      () => "Je suis hébergé chez mon frère, je n'ai pas de facture à mon nom. Comment faire ?",
      () => "J'habite chez mes parents, quel justificatif je dois donner ?"
    )
  },
  PERMIS_PROBATOIRE: {
    subjects: ["Permis probatoire", "Jeune permis"],
    bodies: t(
      () => "J'ai mon permis depuis 2 ans, il est encore probatoire. Je peux faire la formation ?",
      () => "Je suis jeune permis (moins de 3 ans de permis), est-ce bloquant ?"
    )
  },
  PERMIS_RENOUVELLEMENT: {
    subjects: ["Permis perdu", "Renouvellement permis"],
    bodies: t(
      () => "On m'a volé mon permis, j'ai fait la demande à l'ANTS. Que dois-je envoyer ?",
      () => "Mon permis est en cours de renouvellement, j'ai seulement le récépissé de l'ANTS.",
      () => "J'ai perdu mon permis la semaine dernière, est-ce que ça bloque l'inscription ?"
    )
  },
  CONFIRMATION_PAIEMENT: {
    subjects: ["Paiement", "Facture"],
    bodies: t(
      () => "Avez-vous bien reçu mon paiement ? J'ai fait le virement lundi.",
      () => "Pouvez-vous m'envoyer la facture de ma formation svp ?",
      () => "J'ai payé les 20 euros hier, pouvez-vous confirmer le règlement ?"
    )
  },
  ERREUR_PAIEMENT_CMA: {
    subjects: ["Frais CMA", "Paiement en double"],
    bodies: t(
      () => "J'ai payé les 241 euros à la CMA alors que c'était inclus dans l'offre, comment être remboursé ?",
      () => "On m'a prélevé 241€ sur le site de la CMA, je pensais que c'était pris en charge."
    )
  },
  DEMANDE_INFOS_OFFRE: {
    subjects: ["Offre Uber", "Renseignements offre 20€"],
    bodies: t(
      () => "En quoi consiste l'offre exactement ? Qu'est-ce qui est compris ?",
      () => "L'offre Uber à 20 euros, comment ça fonctionne ?"
    )
  },
  RESULTAT_EXAMEN: {
    subjects: ["Résultats", "Résultat de l'examen"],
    bodies: t(
      () => "Quand est-ce que j'aurai mes résultats de l'examen ?",
      () => "Comment connaître mon résultat ? J'ai passé l'examen la semaine dernière."
    )
  },
  ANNONCE_RESULTAT_POSITIF: {
    subjects: ["Admis !", "Bonne nouvelle"],
    bodies: t(
      () => "J'ai réussi mon examen théorique ! Merci pour tout.",
      () => "Bonne nouvelle, je suis admissible à l'écrit. Quelle est la suite ?"
    )
  },
  ANNONCE_RESULTAT_NEGATIF: {
    subjects: ["Résultat", "Examen raté"],
    bodies: t(
      () => "J'ai échoué à l'examen de peu, je suis déçu.",
      () => "Malheureusement je n'ai pas réussi l'écrit, il me manquait 2 points."
    )
  },
  DEMANDE_REINSCRIPTION: {
    subjects: ["Réinscription", "Repasser l'examen"],
    bodies: t(
      () => "Je voudrais me réinscrire pour une nouvelle tentative, comment faire ?",
      () => "Est-ce que je peux retenter ma chance à la prochaine session ?"
    )
  },
  QUESTION_CARTE_VTC: {
    subjects: ["Carte VTC", "Carte professionnelle"],
    bodies: t(
      () => "Après l'examen, comment je fais la demande de carte VTC ?",
      () => "Combien de temps pour recevoir la carte professionnelle après la réussite ?"
    )
  },
  QUESTION_EXAMEN_PRATIQUE: {
    subjects: ["Examen pratique", "Epreuve pratique"],
    bodies: t(
      () => "Comment se passe l'examen pratique, il faut venir avec son véhicule ?",
      () => "Pour l'épreuve pratique, est-ce que vous proposez une préparation ?"
    )
  },
  DEMANDE_CERTIFICAT_FORMATION: {
    subjects: ["Attestation", "Certificat"],
    bodies: t(
      () => "Pouvez-vous m'envoyer une attestation de formation pour mon employeur ?",
      () => "J'ai besoin d'un certificat de fin de formation svp."
    )
  },
  DEMANDE_APPEL_TEL: {
    subjects: ["Rappel", "Besoin d'un appel"],
    bodies: t(
      (f) => `Pouvez-vous me rappeler ? Mon numéro est dans mon dossier. ${f.firstName}`,
      () => "Je préfère échanger par téléphone, merci de m'appeler demain matin."
    )
  },
  RECLAMATION: {
    subjects: ["Réclamation", "Mécontent", "Toujours rien"],
    bodies: t(
      () => "C'est inadmissible, trois mails et toujours pas de réponse !",
      () => "Je suis très mécontent du suivi, ce n'est vraiment pas sérieux.",
      () => "Je vais porter plainte, personne ne me répond depuis un mois, c'est une honte."
    )
  },
  DEMANDE_ANNULATION: {
    subjects: ["Annulation", "Remboursement"],
    bodies: t(
      () => "Je souhaite annuler mon inscription et être remboursé.",
      () => "Je ne veux plus faire la formation, merci de procéder à l'annulation.",
      () => "Je me désiste, comment faire pour le remboursement ?"
    )
  },
  DEMANDE_SUPPRESSION_DONNEES: {
    subjects: ["RGPD", "Suppression de mes données"],
    bodies: t(
      () => "Merci de supprimer toutes mes données personnelles de vos fichiers (RGPD).",
      () => "Je demande l'effacement de mes informations personnelles, conformément au RGPD."
    )
  },
  DATE_LOINTAINE_EXAMT3P: {
    subjects: ["Date introuvable sur le site", "ExamT3P dates"],
    bodies: t(
      () => "La date que vous m'avez proposée n'apparaît pas sur le site examt3p, je ne peux pas la choisir.",
      () => "Sur examt3p il n'y a aucune date qui s'affiche pour mon département."
    )
  },
  DEMANDE_EXCEPTION: {
    subjects: ["Demande exceptionnelle", "Dérogation"],
    bodies: t(
      () => "Serait-il possible exceptionnellement de m'inscrire même si la clôture est passée ?",
      () => "Je sollicite une dérogation pour garder ma place, c'est un cas particulier."
    )
  },
  CONFIRMATION_DOUBLON: {
    subjects: ["Re: votre dossier", "Ancien dossier"],
    bodies: t(
      () => "Oui c'est bien moi, j'avais fait un ancien dossier il y a deux ans.",
      () => "Je confirme être la même personne que l'ancienne inscription."
    )
  },
  REFUS_DOUBLON: {
    subjects: ["Re: votre dossier", "Erreur"],
    bodies: t(
      () => "Ce n'est pas moi, il doit s'agir d'un homonyme.",
      () => "Je ne me suis jamais inscrit chez vous auparavant, ce n'est pas moi."
    )
  },
  REMERCIEMENT: {
    subjects: ["Merci", "Re: votre demande"],
    bodies: t(() => "Merci beaucoup !", () => "Super merci pour votre réponse.", () => "D'accord merci bien")
  },
  QUESTION_GENERALE: {
    subjects: ["Question", "Renseignement", "Demande"],
    bodies: t(
      () => "J'ai une petite question.",
      () => "Est-ce que vous êtes ouverts samedi ?",
      () => "Je reviens vers vous concernant ma demande."
    )
  }
}

export const GENERATED_INTENTS = Object.keys(INTENT_TEXTS)

/** Relative frequency of each intent among candidates' tickets (dates and documents dominate). */
export const INTENT_WEIGHTS: Readonly<Record<string, number>> = {
  DEMANDE_DATE_EXAMEN: 5, DEMANDE_DATES_FUTURES: 4, STATUT_DOSSIER: 5, DEMANDE_IDENTIFIANTS: 4, TRANSMET_DOCUMENTS: 4,
  REPORT_DATE: 3, DEMANDE_CONVOCATION: 3, CONFIRMATION_DATE_EXAMEN: 3, CONFIRMATION_SESSION: 2, ENVOIE_DOCUMENTS: 2,
  DEMANDE_ELEARNING_ACCESS: 2, PROBLEME_CONNEXION_EXAMT3P: 2, REMERCIEMENT: 2, QUESTION_GENERALE: 2
}
