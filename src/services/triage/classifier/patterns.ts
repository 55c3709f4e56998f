/**
 * Weighted cues per intent, matched on folded text (lower case, no accents). The vocabulary
 * follows §2.6 and the trigger words of the matrix; spellings cover frequent typos.
 * `ASK_EXAM_DATE` is resolved later: DEMANDE_DATE_EXAMEN with an assigned date, else
 * DEMANDE_DATES_FUTURES.
 */
import type { Intent } from "./intents.ts"

export type ScoredLabel = Intent | "ASK_EXAM_DATE"

export interface Cue {
  readonly pattern: RegExp
  readonly weight: number
}

const g = "[^.?!\\n]{0,60}"
const cue = (source: string, weight: number): Cue => ({ pattern: new RegExp(source), weight })

const creds = "(identifiant|identifient|indentifiant|login|mot de passe|mot de pass|mdp|password|codes? d'acces)"
const examSite = "(exam ?t3p|exament3p|examt3p|site (de la cma|de l'examen|d'inscription)|espace candidat)"
const elearning = "(e-?learning|elearning|e learning|plateforme (de formation|de cours|en ligne)|formation en ligne|cours en ligne)"
const trouble = "(n'arrive (pas|plus)|n'y arrive pas|impossible|pas possible|probleme|souci|bloque|ne (marche|fonctionne) (pas|plus)|erreur|bug)"
const months = "(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
const docs = "(documents?|pieces?|justificatifs?|fichiers?|permis|carte d'identite|passeport|photo|attestation)"

export const intentCues: ReadonlyArray<readonly [ScoredLabel, ReadonlyArray<Cue>]> = [
  ["DEMANDE_IDENTIFIANTS", [
    cue(`${creds}${g}(pas (encore )?(recu|eu)|oubli|perdu|renvoy|envoy|communiqu|transmet|donn|obten|besoin|avoir)`, 3),
    cue(`(oubli|perdu|pas (encore )?recu|renvoy|m'envoy|communiqu|transmet|donner|obten|besoin|avoir)${g}${creds}`, 3),
    cue(`quels? sont (mes|les) ${creds}`, 3),
    cue(creds, 1)
  ]],
  ["ENVOIE_IDENTIFIANTS", [
    cue("(identifiant|login|e-?mail)\\s*:?\\s*\\S+@\\S+", 3),
    cue("(mot de passe|mdp|password)\\s*(:|=|est)\\s*\\S+", 4),
    cue("voici (mes|les) (identifiants|codes|acces)", 4)
  ]],
  ["REFUS_PARTAGE_CREDENTIALS", [
    cue(`(ne (veux|souhaite|peux) pas|refuse|pas question|hors de question|prefere ne pas|pas envie de)${g}(donn|communiqu|partag|transmet)${g}${creds}`, 6),
    cue(`(securite|confidentiel|personnel)${g}${creds}`, 2)
  ]],
  ["PROBLEME_CONNEXION_EXAMT3P", [
    cue(`${trouble}${g}(connect|acceder|acces|identifier)${g}${examSite}`, 5),
    cue(`${examSite}${g}${trouble}`, 4),
    cue(`${creds}${g}(incorrect|errone|invalide|ne (marche|fonctionne) pas)`, 3),
    cue(`${trouble}${g}(me connecter|connexion)`, 2),
    cue(`connect${g}${examSite}${g}(n'existe pas|introuvable|inconnu|erreur|refuse|bloque|incorrect)`, 5)
  ]],
  ["DEMANDE_ELEARNING_ACCESS", [
    cue(`(acces|lien|codes?|identifiants?|inscri|recevoir|commencer)${g}${elearning}`, 4),
    cue(elearning, 1.5)
  ]],
  ["PROBLEME_CONNEXION_ELEARNING", [
    cue(`${trouble}${g}${elearning}`, 6),
    cue(`${elearning}${g}${trouble}`, 6)
  ]],
  ["DEMANDE_DATE_VISIO", [
    cue(`(quand|date|debut|commenc|planning|horaires?|acces|demarre)${g}(40 ?h|40 heures|quarante heures|formation en visio|visio)`, 4),
    cue(`(40 ?h|40 heures|quarante heures)${g}(quand|date|commenc|debut|acces|\\?)`, 4),
    cue("(40 ?h|40 heures)", 2)
  ]],
  ["DEMANDE_LIEN_VISIO", [
    cue(`lien${g}(zoom|teams|visio|classe virtuelle|connexion a la formation|du cours)`, 6),
    cue("(zoom|teams)", 2)
  ]],
  ["ASK_EXAM_DATE", [
    cue(`(quand|quelle (est|sera)|c'est quand|connaitre|savoir|communiquer|donner)${g}(date (de|d'|du) ?(mon |l')?examen|mon examen|passer l'examen|l'examen)`, 4),
    cue("(prochaines|autres|les|des) dates?( d'examen)? (disponibles|possibles|libres|d'examen)", 4),
    cue(`(redonner|rappeler|confirmer|indiquer|communiquer|retrouver)${g}date (de|d') ?(mon |l')?examen`, 4),
    cue(`date (de|d') ?(mon |l')?examen${g}(redonner|rappeler|me la|\\?)`, 3),
    cue("\\bquand\\b[^.?!\\n]{0,30}\\bl[' ]?examen", 4),
    cue("rappeler (la|ma) date", 3),
    cue("(date d'examen|date de l'examen|date de mon examen|date examen)", 2)
  ]],
  ["DEMANDE_AUTRES_DEPARTEMENTS", [
    cue("(autre|un autre|d'autres|dans un autre|changer de) (departement|ville|centre|region|cma)", 5),
    cue("(plus pres de chez moi|pres de chez moi|proche de chez moi)", 3),
    cue("(examen|passer|inscri)[^.?!\\n]{0,40}(dans le|en|a la cma) ?\\(?\\d{2}\\)?(?!\\d)", 2)
  ]],
  ["REPORT_DATE", [
    cue("(reporter|report de|repousser|decaler|changer (la|ma|de) date|modifier (la|ma) date|autre date|nouvelle date|plus tard|date ulterieure)", 4),
    cue("(ne (pourrai|serai|peux|pourrais) pas (etre )?(present|disponible|venir|passer|me presenter)|pas disponible|indisponible|empeche)", 3)
  ]],
  ["DEMANDE_DATE_PLUS_TOT", [
    cue("(plus tot|avancer (mon|ma|la|l')|avancer[^.?!\\n]{0,20}examen|date plus proche|au plus vite|plus rapidement|le plus tot|des que possible|au plus tot)", 5)
  ]],
  ["CONFIRMATION_DATE_EXAMEN", [
    cue(`(je (confirme|valide|choisis|choisi|prends|retiens|opte)|ok pour|d'accord pour|ca me va|c'est bon pour|va pour|je suis d'accord)${g}(date|examen|le \\d|\\d{1,2}(er)? ${months}|\\d{1,2}/\\d{1,2})`, 5)
  ]],
  ["CONFIRMATION_SESSION", [
    cue(`(je (choisis|choisi|prends|confirme|prefere|souhaite|voudrais|opte|retiens)|ok pour|va pour|d'accord pour|option)${g}(cours du (jour|soir)|session|formation (du|en) (jour|soir)|le soir|en journee|la journee|en soiree|du jour|du soir)`, 5),
    cue("(cours du (jour|soir)|\\bcds\\b|\\bcdj\\b)", 1.5)
  ]],
  ["DEMANDE_CHANGEMENT_SESSION", [
    cue(`(changer|modifier|passer|basculer)${g}(session|cours du (jour|soir)|formation (du|en) (jour|soir)|horaires? de (la )?formation)`, 5),
    cue("decaler (ma|la) formation", 5),
    cue(`(mauvaise|pas la bonne|erreur de) session`, 4)
  ]],
  ["QUESTION_SESSION", [
    cue(`(comment (se deroule|fonctionne|ca se passe|se passe)|quels? (sont les )?horaires?|a quelle heure|combien (de |d')(temps|jours|heures|semaines))${g}(session|formation|cours)`, 5),
    cue("difference entre[^.?!\\n]{0,40}(jour|soir)", 5)
  ]],
  ["DEMANDE_CONVOCATION", [
    cue("(convocation|convoc|convoquation|convocaton)", 3),
    cue(`(pas (encore )?recu|ou (est|trouver)|quand)${g}convoc`, 2)
  ]],
  ["STATUT_DOSSIER", [
    cue(`(ou en est|ou en sont|avancement|l'etat de|statut de|ou en sommes|des nouvelles de|suivi de)${g}(dossier|inscription|demande)`, 5),
    cue("(mon dossier|mon inscription)[^.?!\\n]{0,40}(valide|traite|complet|en cours|accepte|bien recu)[^.!\\n]{0,20}\\?", 3),
    cue("(avez-vous|avez vous) (bien )?recu mon dossier", 3)
  ]],
  ["QUESTION_PROCESSUS", [
    cue("(quelles? sont les (prochaines )?etapes|prochaines? etapes?|comment (ca|cela) se passe|que dois-je faire|qu'est-ce que je dois faire|comment proceder|la suite des (evenements|demarches)|demarches? a suivre)", 4)
  ]],
  ["DOCUMENT_QUESTION", [
    cue(`(quels?|quelles?) (sont les )?(documents?|pieces?|justificatifs?)`, 5),
    cue(`(faut-il|faut il|dois-je|dois je|est-ce que je dois)${g}(fournir|envoyer|documents?|justificatif)`, 4),
    cue(`(format|pdf|taille|scan)${g}(documents?|pieces?|accepte|fichier)`, 2),
    cue("quels? (format|type de fichier)", 3),
    cue("(doit|doivent) etre (en couleur|lisibles?|en recto|recto verso|certifiee?s?)", 3),
    cue(`(recepisse|refugie|demandeur d'asile)${g}(remplace|a la place|accepte|valable|suffit)`, 4)
  ]],
  ["ENVOIE_DOCUMENTS", [
    cue(`(j'ai|je viens d'|c'est fait,? j'ai)${g}(depose|televerse|telecharge|mis en ligne|charge|uploade|ajoute|renvoye)${g}(${docs}|sur (le site|exam|la plateforme|mon espace))`, 6)
  ]],
  ["TRANSMET_DOCUMENTS", [
    cue(`(ci-joint|ci joint|cijoint|en piece jointe|pieces jointes|je vous (transmets|envoie|fais parvenir|joins)|voici (mes|mon|ma|le|la))${g}${docs}`, 5),
    cue("(ci-joint|ci joint|en piece jointe|pieces jointes)", 2)
  ]],
  ["SIGNALE_PROBLEME_DOCS", [
    cue(`${trouble}${g}(deposer|telecharger|televerser|charger|upload|mettre en ligne|importer)${g}${docs}?`, 5),
    cue(`${docs}${g}(ne (passe|passent|se charge|s'envoie)|refuse par le site|trop (lourd|volumineux))`, 5),
    cue(`(site|plateforme)${g}(refuse|n'accepte pas|bloque)${g}${docs}`, 5)
  ]],
  ["QUESTION_PERMIS_ETRANGER", [
    cue("permis (etranger|algerien|marocain|tunisien|senegalais|ivoirien|camerounais|turc|hors ue|non europeen|d'un pays|obtenu a l'etranger)", 6),
    cue("(echange|echanger) (de|mon) permis", 4)
  ]],
  ["QUESTION_CARTE_SEJOUR", [
    cue(`(titre de sejour|carte de sejour|recepisse)${g}(expir|perime|renouvel|plus valable|fin de validite|en cours)`, 6),
    cue(`(expir|perime|renouvellement)${g}(titre de sejour|carte de sejour)`, 6)
  ]],
  ["QUESTION_HEBERGEMENT", [
    cue("(heberge|hebergee|hebergement|je vis chez|j'habite chez|loge chez|je suis loge)", 6)
  ]],
  ["PERMIS_PROBATOIRE", [
    cue("(probatoire|jeune permis|permis depuis (moins de )?(1|2|un|deux|18) (an|mois)|3 ans de permis|trois ans de permis|moins de (3|trois) ans de permis)", 6)
  ]],
  ["PERMIS_RENOUVELLEMENT", [
    cue(`permis${g}(perdu|vole|renouvellement|renouveler|abime|endommage|ants|dechire)`, 6),
    cue("(perte|vol) de (mon )?permis", 6),
    cue(`renouvel${g}permis`, 6),
    cue("(vole|perdu|egare) (mon|le) permis", 6)
  ]],
  ["CONFIRMATION_PAIEMENT", [
    cue("(avez-vous|avez vous|bien) recu (mon |le )?(paiement|reglement|virement)", 5),
    cue(`(envoyer|besoin|obtenir|recevoir)${g}facture`, 5),
    cue(`(paiement|reglement|virement)${g}(bien )?(passe|recu|arrive|valide)`, 3),
    cue("(j'ai (paye|regle)|virement (a ete|est) (fait|effectue)|confirmer (le|mon) (reglement|paiement))", 3),
    cue("(facture|paiement|reglement|virement|paye les 20|payer les 20)", 1.5)
  ]],
  ["ERREUR_PAIEMENT_CMA", [
    cue(`(j'ai|on m'a|je me suis) (paye|regle|ete preleve|ete debite|fait preleve)${g}(241|237|cma|frais d'examen)`, 6),
    cue(`(debite|preleve)${g}(241|237|cma)`, 6),
    cue("(241|237) ?(€|euros?|e\\b)", 3)
  ]],
  ["DEMANDE_INFOS_OFFRE", [
    cue(`offre${g}(uber|20 ?(€|euros?))${g}(comment|qu'est|inclu|compren|condition|fonctionne|consiste|\\?)`, 5),
    cue("(en quoi consiste|que comprend|c'est quoi|details de) l'offre", 5)
  ]],
  ["RESULTAT_EXAMEN", [
    cue(`(quand|ou|comment|avez-vous|connaitre|savoir|recevoir|obtenir)${g}(mes |les |mon )?resultats?`, 5),
    cue("resultats?[^.!\\n]{0,40}\\?", 2)
  ]],
  ["ANNONCE_RESULTAT_POSITIF", [
    cue("(j'ai (reussi|obtenu|valide|eu) (mon|l'|la|le)|je suis (admis|admissible|recu)|j'ai ete (admis|declare admissible|recu)|bonne nouvelle)", 6)
  ]],
  ["ANNONCE_RESULTAT_NEGATIF", [
    cue("(j'ai (echoue|rate|loupe)|je n'ai (malheureusement )?pas (reussi|eu|ete admis|obtenu)|je suis (non admis|non admissible|recale)|pas ete admis|malheureusement (echoue|rate))", 7)
  ]],
  ["DEMANDE_REINSCRIPTION", [
    cue("(reinscri|re-inscri|re inscri|me reinscrire|repasser|nouvelle inscription|m'inscrire (a nouveau|de nouveau)|retenter|deuxieme (chance|tentative)|nouvelle tentative)", 5)
  ]],
  ["QUESTION_CARTE_VTC", [
    cue("carte (vtc|professionnelle|pro)\\b", 5),
    cue("prefecture[^.?!\\n]{0,40}(carte|demande)", 2)
  ]],
  ["QUESTION_EXAMEN_PRATIQUE", [
    cue("(examen|epreuve|formation|partie|cours|test) (de )?pratique", 6),
    cue("(admission|epreuve) d'admission", 3)
  ]],
  ["DEMANDE_CERTIFICAT_FORMATION", [
    cue("(attestation|certificat|justificatif) (de |d')?(formation|suivi|presence|assiduite|stage|fin de formation)", 6)
  ]],
  ["DEMANDE_APPEL_TEL", [
    cue("(rappel|rappeler|m'appeler|m'appelle|appelez-moi|appelez moi|me telephoner|joindre par telephone|un appel|echanger par telephone|au telephone|par telephone)(?! (la|le|les|ma|mon|mes) (date|numero|nom|lien|identifiant))", 5)
  ]],
  ["RECLAMATION", [
    cue("(inadmissible|scandal|honteux|inacceptable|plainte|reclamation|mecontent|pas normal|c'est une honte|degoute|pas serieux|lamentable|aucun serieux)", 4),
    cue("(toujours pas de reponse|personne ne (me )?repond|aucune reponse)", 2)
  ]],
  ["DEMANDE_ANNULATION", [
    cue("(annuler|annulation|rembourse|remboursement|retract|desist|desinscri|ne (veux|souhaite) plus|abandonner|me retirer|arreter (la|ma) formation)", 5),
    cue("arnaque", 2)
  ]],
  ["DEMANDE_SUPPRESSION_DONNEES", [
    cue(`(supprim|effac)${g}(donnees|informations personnelles|coordonnees|mon compte|fichier)`, 7),
    cue("(rgpd|droit a l'oubli|cnil)", 6)
  ]],
  ["DATE_LOINTAINE_EXAMT3P", [
    cue(`(date|session|mois)${g}(pas (disponible|propose|selectionnable)|n'apparait pas|ne (s'affiche|figure|propose) pas|impossible de (la )?(choisir|selectionner))${g}(site|exam|plateforme|espace)`, 6),
    cue(`${examSite}${g}(ne propose|n'affiche|pas de date|pas la date|aucune date|ne s'affiche pas|n'apparait pas)`, 5),
    cue(`impossible de (choisir|selectionner)${g}(date|session|mois)`, 5)
  ]],
  ["DEMANDE_EXCEPTION", [
    cue("(une exception|exceptionnellement|derogation|a titre exceptionnel|un geste)", 5),
    cue("(meme si|malgre)[^.?!\\n]{0,40}(cloture|date limite|delai)", 4)
  ]],
  ["CONFIRMATION_DOUBLON", [
    cue(`(oui|c'est bien moi|il s'agit bien de moi|c'est moi)${g}(ancien|premier|precedent|autre) (dossier|inscription|compte)`, 7),
    cue("(je confirme etre|c'est bien moi qui)", 4)
  ]],
  ["REFUS_DOUBLON", [
    cue("(ce n'est pas moi|homonyme|je ne me suis jamais inscrit|jamais ete inscrit|pas la meme personne)", 7)
  ]]
]
