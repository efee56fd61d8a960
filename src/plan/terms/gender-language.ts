import type { AssignmentTerm, PairContext } from './types.js';

function mismatch({ client, staff }: PairContext): boolean {
  const pref = client.preferences;
  if (pref.staffGender !== undefined && staff.gender !== pref.staffGender) return true;
  return pref.languages.length > 0 && !pref.languages.some((l) => staff.languages.includes(l));
}

/**
 * Gender and language preferences: a visit by staff of another gender than preferred, or speaking
 * none of the client's languages, costs one unit. The message names which preference, not its value.
 */
export const genderOrLanguage: AssignmentTerm = {
  name: 'genderOrLanguage',
  unit: 'visit',
  units: (ctx) => (mismatch(ctx) ? 1 : 0),
  justify: ({ client, staff }) => {
    const pref = client.preferences;
    const which = pref.staffGender !== undefined && staff.gender !== pref.staffGender ? 'gender' : 'language';
    return `staff ${staff.id} does not meet client ${client.id}'s ${which} preference`;
  },
  summary: (n) => `${n} visits by staff not meeting the client's gender or language preference`,
};
