/**
 * French administrative regions used to group exam dates. Lookup order matters: aliases and
 * cities are tried in the order listed and the first substring found wins.
 */

const REGION_DEPARTEMENTS: ReadonlyArray<readonly [string, string]> = [
  ["Auvergne-Rhône-Alpes", "01 03 07 15 26 38 42 43 63 69 73 74"],
  ["Bourgogne-Franche-Comté", "21 25 39 58 70 71 89 90"],
  ["Bretagne", "22 29 35 56"],
  ["Centre-Val de Loire", "18 28 36 37 41 45"],
  ["Grand Est", "08 10 51 52 54 55 57 67 68 88"],
  ["Hauts-de-France", "02 59 60 62 80"],
  ["Île-de-France", "75 77 78 91 92 93 94 95"],
  ["Normandie", "14 27 50 61 76"],
  ["Nouvelle-Aquitaine", "16 17 19 23 24 33 40 47 64 79 86 87"],
  ["Occitanie", "09 11 12 30 31 32 34 46 48 65 66 81 82"],
  ["Pays de la Loire", "44 49 53 72 85"],
  ["PACA", "04 05 06 13 83 84"],
]

export const DEPT_TO_REGION: Readonly<Record<string, string>> = Object.fromEntries(
  REGION_DEPARTEMENTS.flatMap(([region, depts]) => depts.split(" ").map((d) => [d, region] as const))
)

export const REGION_ALIASES: ReadonlyArray<readonly [string, string]> = (
  "pays de la loire:Pays de la Loire;pays-de-la-loire:Pays de la Loire;pdl:Pays de la Loire;ile de france:Île-de-France;ile-de-france:Île-de-France;idf:Île-de-France;région parisienne:Île-de-France;region parisienne:Île-de-France;paca:PACA;provence:PACA;côte d'azur:PACA;cote d'azur:PACA;rhône-alpes:Auvergne-Rhône-Alpes;rhone-alpes:Auvergne-Rhône-Alpes;auvergne:Auvergne-Rhône-Alpes;grand est:Grand Est;alsace:Grand Est;lorraine:Grand Est;champagne:Grand Est;occitanie:Occitanie;languedoc:Occitanie;midi-pyrénées:Occitanie;midi-pyrenees:Occitanie;nouvelle-aquitaine:Nouvelle-Aquitaine;aquitaine:Nouvelle-Aquitaine;bretagne:Bretagne;normandie:Normandie;hauts-de-france:Hauts-de-France;nord:Hauts-de-France;picardie:Hauts-de-France;centre:Centre-Val de Loire;bourgogne:Bourgogne-Franche-Comté;franche-comté:Bourgogne-Franche-Comté;franche-comte:Bourgogne-Franche-Comté"
).split(";").map((pair) => pair.split(":") as unknown as readonly [string, string])

export const CITY_TO_REGION: ReadonlyArray<readonly [string, string]> = (
  "nantes:Pays de la Loire;angers:Pays de la Loire;le mans:Pays de la Loire;laval:Pays de la Loire;la roche-sur-yon:Pays de la Loire;saint-nazaire:Pays de la Loire;paris:Île-de-France;versailles:Île-de-France;boulogne:Île-de-France;montreuil:Île-de-France;saint-denis:Île-de-France;argenteuil:Île-de-France;creteil:Île-de-France;créteil:Île-de-France;bobigny:Île-de-France;marseille:PACA;nice:PACA;toulon:PACA;aix-en-provence:PACA;avignon:PACA;cannes:PACA;antibes:PACA;lyon:Auvergne-Rhône-Alpes;grenoble:Auvergne-Rhône-Alpes;saint-etienne:Auvergne-Rhône-Alpes;clermont-ferrand:Auvergne-Rhône-Alpes;annecy:Auvergne-Rhône-Alpes;valence:Auvergne-Rhône-Alpes;toulouse:Occitanie;montpellier:Occitanie;nîmes:Occitanie;nimes:Occitanie;perpignan:Occitanie;béziers:Occitanie;beziers:Occitanie;bordeaux:Nouvelle-Aquitaine;limoges:Nouvelle-Aquitaine;poitiers:Nouvelle-Aquitaine;pau:Nouvelle-Aquitaine;la rochelle:Nouvelle-Aquitaine;angoulême:Nouvelle-Aquitaine;strasbourg:Grand Est;reims:Grand Est;metz:Grand Est;nancy:Grand Est;mulhouse:Grand Est;colmar:Grand Est;troyes:Grand Est;lille:Hauts-de-France;amiens:Hauts-de-France;roubaix:Hauts-de-France;tourcoing:Hauts-de-France;dunkerque:Hauts-de-France;rennes:Bretagne;brest:Bretagne;quimper:Bretagne;lorient:Bretagne;vannes:Bretagne;saint-brieuc:Bretagne;rouen:Normandie;le havre:Normandie;caen:Normandie;cherbourg:Normandie;orléans:Centre-Val de Loire;orleans:Centre-Val de Loire;tours:Centre-Val de Loire;bourges:Centre-Val de Loire;chartres:Centre-Val de Loire;dijon:Bourgogne-Franche-Comté;besançon:Bourgogne-Franche-Comté;besancon:Bourgogne-Franche-Comté;belfort:Bourgogne-Franche-Comté;auxerre:Bourgogne-Franche-Comté"
).split(";").map((pair) => pair.split(":") as unknown as readonly [string, string])
