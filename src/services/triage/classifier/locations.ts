/** City / département mentions → département code (§2.7 conventions). */
import { fold } from "../text/normalize.ts"

const cities: ReadonlyArray<readonly [string, string, string]> = [
  ["paris", "Paris", "75"], ["lyon", "Lyon", "69"], ["marseille", "Marseille", "13"], ["toulouse", "Toulouse", "31"],
  ["montpellier", "Montpellier", "34"], ["nantes", "Nantes", "44"], ["bordeaux", "Bordeaux", "33"],
  ["lille", "Lille", "59"], ["nice", "Nice", "06"], ["strasbourg", "Strasbourg", "67"], ["rennes", "Rennes", "35"],
  ["rouen", "Rouen", "76"], ["nimes", "Nîmes", "30"], ["perpignan", "Perpignan", "66"], ["grenoble", "Grenoble", "38"],
  ["toulon", "Toulon", "83"], ["orleans", "Orléans", "45"], ["tours", "Tours", "37"], ["dijon", "Dijon", "21"],
  ["bobigny", "Bobigny", "93"], ["creteil", "Créteil", "94"], ["nanterre", "Nanterre", "92"], ["versailles", "Versailles", "78"]
]

export interface Location {
  readonly name: string
  readonly deptCode: string
}

export const findLocation = (text: string): Location | undefined => {
  const folded = fold(text)
  const dept = /(departement|dept|cma|dans le|en)\s*\(?(0[1-9]|[1-8]\d|9[0-5]|2a|2b)\)?(?![\d/:h.,])/.exec(folded)
  for (const [word, name, code] of cities) {
    if (new RegExp(`(?<![a-z])(a|sur|de|en|vers|pres de|a cote de|region|cma de)\\s+${word}(?![a-z])`).test(folded)) {
      return { name, deptCode: code }
    }
  }
  if (dept?.[2] !== undefined) {
    const code = dept[2].toUpperCase()
    return { name: code, deptCode: code }
  }
  return undefined
}
