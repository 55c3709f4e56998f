/**
 * Exam-date records (`Dates_Examens_VTC_TAXI`) per département and training sessions (`Sessions1`),
 * laid out around `today` so that past exams, open clôtures, passed clôtures and sessions before
 * each exam all exist.
 */
import { addDays } from "../../services/rules/dates.ts"
import type { JsonRecord } from "../world.ts"
import { pad, type Dice, zohoId } from "./random.ts"

export const DEPARTEMENTS = ["75", "93", "94", "92", "77", "78", "91", "95", "13", "69", "33", "34", "31", "59"] as const

const FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

/** Paris offset of a day (summer time from the last Sunday of March to the last Sunday of October). */
const parisOffset = (iso: string): string => {
  const month = Number(iso.slice(5, 7))
  const day = Number(iso.slice(8, 10))
  const summer = (month > 3 && month < 10) || (month === 3 && day >= 29) || (month === 10 && day < 25)
  return summer ? "+02:00" : "+01:00"
}

export const clotureDateTime = (iso: string): string => `${iso}T23:59:00${parisOffset(iso)}`

const frenchDay = (iso: string): string => `${Number(iso.slice(8, 10))} ${FRENCH_MONTHS[Number(iso.slice(5, 7)) - 1] ?? ""}`

export interface ExamDateRecord extends JsonRecord {
  readonly id: string
  readonly Name: string
  readonly Date_Examen: string
  readonly Date_Cloture_Inscription: string
}

/** Exam days every 4–6 weeks from about four months back to about seven months ahead, per département. */
export const makeExamDates = (dice: Dice, today: string): Array<ExamDateRecord> => {
  const records: Array<ExamDateRecord> = []
  let n = 0
  for (const dept of DEPARTEMENTS) {
    let offset = -130 + dice.int(0, 20)
    while (offset < 220) {
      const day = addDays(today, offset)
      const clotureLead = dice.pick([21, 24, 28, 30, 35])
      const past = offset < 0
      n += 1
      records.push({
        id: zohoId("14561770019", n),
        Name: `${dept}_${day}`,
        Date_Examen: day,
        // the CRM returns the département as a number for most records, as text for a few
        Departement: dice.chance(0.8) ? Number(dept) : dept,
        Date_Cloture_Inscription: clotureDateTime(addDays(day, -clotureLead)),
        Statut: past ? dice.pick(["Actif", "Cloturé", "Cloturé"]) : dice.weighted([["Actif", 12], [null, 2], ["Complet", 1], ["Annulé", 0.5]]),
        Libelle_Affichage: `Examen VTC ${dept} du ${frenchDay(day)} ${day.slice(0, 4)}`,
        Type_d_examen: "VTC"
      })
      offset += dice.pick([28, 35, 42])
    }
  }
  return records
}

export interface SessionRecord extends JsonRecord {
  readonly id: string
  readonly Name: string
  readonly Date_d_but: string
  readonly Date_fin: string
}

const PLACES: ReadonlyArray<readonly [string, number]> = [
  ["VISIO Zoom VTC", 8],
  ["VISIO Teams VTC", 2],
  ["Montreuil - salle VTC", 1],
  ["VISIO Zoom TAXI", 1]
]

/** Day (`cdj`, two weeks) and evening (`cds`, three weeks) courses starting every week or two. */
export const makeSessions = (dice: Dice, today: string): Array<SessionRecord> => {
  const records: Array<SessionRecord> = []
  let n = 0
  for (let start = -100; start < 200; start += dice.pick([7, 14])) {
    for (const kind of ["cdj", "cds"] as const) {
      n += 1
      const begin = addDays(today, start + (kind === "cds" ? 0 : dice.int(0, 2)))
      const end = addDays(begin, kind === "cdj" ? 11 : 18)
      const place = dice.weighted(PLACES)
      const code = `${place.includes("VISIO") ? "visio" : "mtr"}-${pad(n, 3)}`
      records.push({
        id: zohoId("14561770018", n),
        Name: `${kind}-${code} - ${frenchDay(begin)} - ${frenchDay(end)} ${end.slice(0, 4)}`,
        Date_d_but: begin,
        Date_fin: end,
        Lieu_de_formation: { name: place, id: zohoId("14561770017", PLACES.findIndex(([p]) => p === place) + 1) },
        Statut: start < 0 ? dice.pick(["TERMINÉE", "EDUSIGN"]) : dice.weighted([["PLANIFIÉ", 8], ["EDUSIGN", 2], ["ANNULÉE", 0.5]])
      })
    }
  }
  return records
}
