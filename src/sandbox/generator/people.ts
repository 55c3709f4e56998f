/** Candidate identities: French-looking names, e-mail addresses the way candidates write them, mobiles. */
import type { Dice } from "./random.ts"
import { pad } from "./random.ts"

const FIRST = [
  "Karim", "Sophie", "Mamadou", "Julie", "Yacine", "Nadia", "Thomas", "Inès", "Moussa", "Claire", "Mehdi", "Fatou",
  "Kevin", "Samira", "Youssef", "Aïcha", "Nicolas", "Leïla", "Ibrahima", "Sarah", "Rachid", "Amandine", "Oumar",
  "Hélène", "Bilal", "Chloé", "Sofiane", "Aminata", "Jérôme", "Myriam", "Adama", "Émilie", "Walid", "Kadiatou",
  "Anthony", "Nour", "Cheikh", "Laetitia", "Hamza", "Stéphanie", "Boubacar", "Marion", "Nassim", "Océane"
]
const LAST = [
  "Benali", "Martin", "Diallo", "Petit", "Haddad", "Roux", "Traoré", "Garnier", "Fofana", "Leroy", "Mansouri",
  "Dubois", "Koné", "Lefèvre", "Cissé", "Moreau", "Bensaïd", "Girard", "Camara", "Fontaine", "Ouattara", "Mercier",
  "El Amrani", "Chevalier", "Sylla", "Bonnet", "Zerrouki", "Lambert", "Keïta", "Faure", "Boukhari", "Rousseau",
  "N'Diaye", "Blanc", "Hamidi", "Guerin", "Touré", "Muller", "Belkacem", "Henry"
]
const DOMAINS: ReadonlyArray<readonly [string, number]> = [
  ["gmail.com", 10], ["hotmail.fr", 4], ["yahoo.fr", 2], ["outlook.fr", 2], ["icloud.com", 1], ["orange.fr", 1], ["live.fr", 1]
]

export interface Person {
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly mobile: string
}

const ascii = (text: string): string =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z]/g, "").toLowerCase()

/** `n` makes every address unique; the shape varies like real sign-up addresses. */
export const makePerson = (dice: Dice, n: number): Person => {
  const firstName = dice.pick(FIRST)
  const lastName = dice.pick(LAST)
  const f = ascii(firstName)
  const l = ascii(lastName)
  const local = dice.weighted<string>([
    [`${f}.${l}${n}`, 4],
    [`${f}${l}${n}`, 2],
    [`${f.slice(0, 1)}${l}${n}`, 2],
    [`${l}.${f}${n}`, 1],
    [`${f}_${l}${90 + (n % 10)}${n}`, 1]
  ])
  const mobile = `0${dice.pick(["6", "7"])}${pad(dice.int(0, 99_999_999), 8)}`
  return { firstName, lastName, email: `${local}@${dice.weighted(DOMAINS)}`, mobile }
}

export const fullName = (p: Person): string => `${p.firstName} ${p.lastName}`
