import type { ActivityStatus, ActivityStatusValue, Quarter } from '../actionplan/activity';
import { quarterStatusKey } from '../actionplan/quarter-status';
import { demoPersonByPersona } from './demo-organisation';

/**
 * Invented 2022 statuses for the demo nämnder other than Kommunstyrelsen, so that the tab's grid and
 * overview look like a municipality's: some done, some under way, a few late. The real follow-up
 * (content/action-plans/) describes the municipality as a whole and is Kommunstyrelsen's; these are
 * not from any source, and each comment says so. Only activities every nämnd runs have them. Most
 * use the four statuses the quarter's card offers; Socialnämnden keeps two of the plan's older words
 * (Påbörjad, Delvis genomförd), as statuses set before the card offered only four would be.
 */
type DemoStatus = [activity: string, committee: string, quarter: Quarter, status: ActivityStatusValue, comment: string];

const DEMO_2022: DemoStatus[] = [
  ['riskanalys', 'SN', 2, 'Genomförd', 'Demo: Riskanalys av journalsystemet, ekonomiskt bistånd och larmhanteringen; åtgärdsförslagen lämnade till förvaltningens ledningsgrupp.'],
  ['kontinuitetsplanering', 'SN', 1, 'Pågående', 'Demo: Kontinuitetsplan för hemtjänstens planeringssystem under arbete.'],
  ['kontinuitetsplanering', 'SN', 2, 'Genomförd', 'Demo: Planen fastställd av förvaltningschefen.'],
  ['registerforteckningar', 'SN', 3, 'Delvis genomförd', 'Demo: Individ- och familjeomsorgens behandlingar reviderade med stöd från den centrala dataskyddsorganisationen; äldreomsorgens återstår.'],
  ['ovningar', 'SN', 2, 'Påbörjad', 'Demo: Övningen bokad med säkerhetsenheten till september.'],
  ['ovningar', 'SN', 3, 'Genomförd', 'Demo: Förvaltningen har övat scenariot att IT-miljön ligger nere.'],
  ['informationsklassning', 'SN', 4, 'Flyttas till nästa år', 'Demo: Klassningen av journalsystemet görs i nätverket 2023.'],

  ['kontinuitetsplanering', 'BUN', 1, 'Genomförd', 'Demo: Kontinuitetsplan för skolornas lärplattform klar.'],
  ['riskanalys', 'BUN', 2, 'Genomförd', 'Demo: Riskanalys av elevregistret, lärplattformen och skolskjutsplaneringen genomförd.'],
  ['ovningar', 'BUN', 2, 'Pågående', 'Demo: Övningen planerad till augusti, före skolstart.'],
  ['ovningar', 'BUN', 3, 'Genomförd', 'Demo: Övningen genomförd med förvaltningens ledningsgrupp och rektorer.'],
  ['registerforteckningar', 'BUN', 3, 'Pågående', 'Demo: Förskolans behandlingar reviderade, grundskolans pågår.'],

  ['riskanalys', 'KFN', 1, 'Pågående', 'Demo: Bibliotekssystemet och bokningssystemet för idrottshallar valda.'],
  ['riskanalys', 'KFN', 2, 'Pågående', 'Demo: Analysen av bokningssystemet drog ut på tiden, klar efter sommaren.'],
  ['kontinuitetsplanering', 'KFN', 2, 'Genomförd', 'Demo: Kontinuitetsplan för bokningssystemet klar.'],
  ['registerforteckningar', 'KFN', 3, 'Genomförd', 'Demo: Registerförteckningen reviderad.'],
  ['ovningar', 'KFN', 3, 'Genomförd', 'Demo: Övningen genomförd.'],
  ['informationsklassning', 'KFN', 4, 'Pågående', 'Demo: Klassning av bibliotekssystemet påbörjad.'],

  ['riskanalys', 'SBN', 2, 'Genomförd', 'Demo: Riskanalys av bygglovssystemet, GIS och VA-driften genomförd.'],
  ['kontinuitetsplanering', 'SBN', 2, 'Genomförd', 'Demo: Kontinuitetsplan för VA-driftens styrsystem klar.'],
  ['ovningar', 'SBN', 3, 'Genomförd', 'Demo: Övningen genomförd tillsammans med VA-driften.'],
  ['informationsklassning', 'SBN', 3, 'Pågående', 'Demo: Bygglovssystemet klassas i samband med upphandlingen av ett nytt.'],
  ['informationsklassning', 'SBN', 4, 'Genomförd', 'Demo: Bygglovssystemet klassat.'],
];

/** Who reported: the demo coordinator for her nämnder, the security officer for the nämnder without one. */
const reporter = (committee: string) => demoPersonByPersona(committee === 'SN' || committee === 'KFN' ? 'samordnare' : 'sakerhetsansvarig')!.id;

/** A day late in the quarter, as a coordinator answering the before-end reminder would set it. */
const QUARTER_DAY: Record<Quarter, string> = { 1: '2022-03-21', 2: '2022-06-15', 3: '2022-09-20', 4: '2022-12-12' };

export function demoPlanStatuses2022(): { key: string; value: ActivityStatus }[] {
  return DEMO_2022.map(([activity, committee, quarter, status, comment]) => {
    const activityId = `2022-${activity}`;
    return {
      key: quarterStatusKey(activityId, committee, quarter),
      value: { year: 2022, activityId, committeeCode: committee, quarter, status, comment, setBy: reporter(committee), setAt: `${QUARTER_DAY[quarter]}T08:00:00.000Z` },
    };
  });
}
