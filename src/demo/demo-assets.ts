import { addDays, stockholmDate } from '../clock/stockholm-time';
import type { InformationAsset, KlassaLevel } from '../assets/information-asset';
import { DEMO_PEOPLE } from './demo-organisation';

/**
 * The demo municipality's register of information assets (invented, as the municipality is): each
 * nämnd's main systems, some classified with KLASSA and current, some due for review, some never
 * classified — what the follow-up is to find. Dates are set back from today, so the demo stays as
 * current as it was meant to be.
 */
export function demoAssets(now: Date): InformationAsset[] {
  const today = stockholmDate(now);
  const ago = (days: number) => addDays(today, -days);
  const person = (persona: string) => DEMO_PEOPLE.find((p) => p.persona === persona)!.id;
  const classified = (daysAgo: number, c: KlassaLevel, i: KlassaLevel, a: KlassaLevel, s?: KlassaLevel) => ({
    confidentiality: c,
    integrity: i,
    availability: a,
    ...(s !== undefined ? { traceability: s } : {}),
    classifiedOn: ago(daysAgo),
    classificationReviewOn: addDays(ago(daysAgo), 365),
  });
  return [
    { assetId: 'ks-ekonomisystem', assetName: 'Ekonomisystemet', description: 'Redovisning, leverantörs- och kundreskontra för hela kommunen.', committeeCode: 'KS', criticality: 'verksamhetskritisk', ...classified(120, 2, 3, 2, 2) },
    { assetId: 'ks-diarium', assetName: 'Diarie- och ärendehanteringssystemet', description: 'Registrering av allmänna handlingar och ärenden.', committeeCode: 'KS', criticality: 'verksamhetskritisk', ...classified(400, 2, 3, 2, 3) },
    { assetId: 'ks-e-post', assetName: 'E-post och samarbete (Microsoft 365)', description: 'E-post, kalender, Teams och filer för alla anställda.', committeeCode: 'KS', criticality: 'samhallsviktig', ...classified(60, 2, 2, 3) },
    { assetId: 'sn-ifo', assetName: 'Verksamhetssystemet för individ- och familjeomsorg', description: 'Ärenden och journaler inom socialtjänsten.', committeeCode: 'SN', systemOwnerId: person('chef'), informationOwnerId: person('chef'), criticality: 'samhallsviktig', ...classified(200, 3, 3, 3, 3) },
    { assetId: 'sn-trygghetslarm', assetName: 'Trygghetslarm', description: 'Larmmottagning för äldre och personer med funktionsnedsättning.', committeeCode: 'SN', systemOwnerId: person('chef'), criticality: 'samhallsviktig', ...classified(390, 2, 3, 4) },
    { assetId: 'sn-hemtjanst-planering', assetName: 'Planeringssystemet för hemtjänsten', description: 'Dagens besök, insatser och personal.', committeeCode: 'SN', systemOwnerId: person('chef'), criticality: 'samhallsviktig' },
    { assetId: 'bun-elevregister', assetName: 'Elevregister och skoladministration', description: 'Elever, placeringar, frånvaro och betyg.', committeeCode: 'BUN', criticality: 'verksamhetskritisk', ...classified(90, 3, 3, 2) },
    { assetId: 'bun-larplattform', assetName: 'Lärplattformen', description: 'Uppgifter, bedömningar och kommunikation med vårdnadshavare.', committeeCode: 'BUN', criticality: 'verksamhetskritisk' },
    { assetId: 'kfn-lokalbokning', assetName: 'Lokalbokning', description: 'Bokning av idrottshallar och samlingslokaler.', committeeCode: 'KFN', criticality: 'ovrig', ...classified(300, 1, 1, 1) },
    { assetId: 'kfn-bibliotek', assetName: 'Bibliotekssystemet', description: 'Låntagare, lån och katalog.', committeeCode: 'KFN', criticality: 'ovrig', ...classified(500, 2, 1, 1) },
    { assetId: 'sbn-va-styrning', assetName: 'Styr- och övervakningssystemet för vatten och avlopp', description: 'Driftövervakning av vattenverk och pumpstationer.', committeeCode: 'SBN', criticality: 'samhallsviktig', ...classified(30, 2, 4, 4, 3) },
    { assetId: 'sbn-bygglov', assetName: 'Ärendehantering för bygglov', description: 'Ansökningar, handläggning och beslut.', committeeCode: 'SBN', criticality: 'verksamhetskritisk', ...classified(700, 1, 2, 2) },
  ];
}
