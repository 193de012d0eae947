import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FACTOR_CODES, factorLabel } from './factorCodes';
import { actionForFactorsNotCovered, actionsFromAssessmentSection, actionsFromChronologyEntry, actionsFromFactors, CRIME_CATEGORIES, EDUCATION_CATEGORIES, NRM_FACTORS, POLICE_FACTORS } from './safeguardingTriggers';
import { CHRONOLOGY_CATEGORIES } from './chronology';

describe('safeguarding actions raised by an assessment decision’s factors (A13)', () => {
  const kinds = (codes: string[]) => actionsFromFactors(codes).map((a) => a.kind);

  it('uses the codes’ real meanings', () => {
    expect(factorLabel('12A')).toBe('Trafficking');
    expect(factorLabel('24A')).toBe('Child criminal exploitation');
    expect(factorLabel('22A')).toBe('Female genital mutilation');
    expect(factorLabel('11A')).toBe('Child sexual exploitation');
    expect(factorLabel('13A')).toBe('Gangs');
    for (const c of [...Object.keys(NRM_FACTORS), ...Object.keys(POLICE_FACTORS)]) expect(FACTOR_CODES.some((f) => f.code === c), c).toBe(true);
  });

  it('raises one NRM referral for trafficking or criminal exploitation, whichever and however many', () => {
    expect(actionsFromFactors(['12A']).find((a) => a.kind === 'nrm-referral')).toEqual({ kind: 'nrm-referral', reason: 'The assessment identified trafficking (DfE factor 12A).' });
    expect(kinds(['24A'])).toContain('nrm-referral');
    const both = actionsFromFactors(['24A', '3A', '12A', '12A']).filter((a) => a.kind === 'nrm-referral');
    expect(both).toHaveLength(1);
    expect(both[0]!.reason).toContain('12A');
    expect(both[0]!.reason).toContain('24A');
  });

  it('a suspected crime against the child means telling the police now: FGM, sexual or criminal exploitation, trafficking, gangs, sexual abuse, physical abuse by an adult, abuse linked to faith or belief', () => {
    for (const code of ['22A', '11A', '24A', '12A', '13A', '19B', '19C', '18C', '23A']) expect(kinds([code]), code).toContain('tell-police');
    expect(actionsFromFactors(['22A'])).toEqual([
      { kind: 'tell-police', reason: 'The assessment identified female genital mutilation (DfE factor 22A): a known case in a girl under 18 must be reported to the police (mandatory reporting duty).', factors: ['22A'] },
    ]);
  });

  it('raises one police task and one NRM task however many factors call for them, in a fixed order, reasons in code order', () => {
    const raised = actionsFromFactors(['24A', '22A', '12A', '11A', '22A']);
    expect(raised.map((a) => a.kind)).toEqual(['tell-police', 'nrm-referral']);
    const police = raised[0]!.reason;
    expect(police.indexOf('(DfE factor 11A)')).toBeLessThan(police.indexOf('(DfE factor 22A)'));
    expect(police).toContain('(DfE factor 24A)');
    expect(police).toContain('(DfE factor 12A)');
    expect(police.length).toBeLessThanOrEqual(2000);
  });

  it('raises nothing for factors that are worries but not in themselves a crime to report now', () => {
    expect(actionsFromFactors([])).toEqual([]);
    // Domestic abuse (raised from the chronology incident instead), missing, neglect, emotional abuse, physical abuse by another child, parents’ needs, no factors.
    expect(actionsFromFactors(['3A', '3B', '3C', '10A', '16A', '17A', '18B', '1B', '2B', '4B', '9A', '14A', '15A', '7A', '8B', '20'])).toEqual([]);
    expect(actionsFromFactors(['21'])).toEqual([]);
  });

  it('never raises the education action: no DfE factor means a child missing education', () => {
    const codes = FACTOR_CODES.map((f) => f.code);
    expect(FACTOR_CODES.some((f) => /missing education|not in education|out of (school|education)/i.test(f.label))).toBe(false);
    fc.assert(
      fc.property(fc.subarray(codes), (chosen) => {
        const raised = actionsFromFactors(chosen);
        expect(raised.some((a) => a.kind === 'education-service')).toBe(false);
        expect(raised.filter((a) => a.kind === 'nrm-referral').length).toBe(chosen.some((c) => c in NRM_FACTORS) ? 1 : 0);
        expect(raised.filter((a) => a.kind === 'tell-police').length).toBe(chosen.some((c) => c in POLICE_FACTORS) ? 1 : 0);
        // Whatever is chosen, each kind once and every reason fits a task.
        expect(new Set(raised.map((a) => a.kind)).size).toBe(raised.length);
        expect(raised.every((a) => a.reason.length <= 2000)).toBe(true);
      }),
    );
  });
});

describe('a decision that names a new crime tells the police again (A13)', () => {
  const police = (codes: string[]) => actionsFromFactors(codes).find((a) => a.kind === 'tell-police')!;
  const fgm = 'female genital mutilation (DfE factor 22A): a known case in a girl under 18 must be reported to the police (mandatory reporting duty)';

  it('the police task carries the crime codes it covers, in census order; the NRM task carries none (one referral covers every form of exploitation)', () => {
    expect(police(['22A', '3A', '18C', '12A']).factors).toEqual(['12A', '18C', '22A']);
    expect(actionsFromFactors(['12A', '24A']).find((a) => a.kind === 'nrm-referral')!.factors).toBeUndefined();
  });

  it('every crime code is named in the reason however many there are (a task’s details hold 2,000 characters)', () => {
    const all = Object.keys(POLICE_FACTORS);
    for (const code of all) expect(police(all).reason).toContain(`(DfE factor ${code})`);
    const again = actionForFactorsNotCovered(police(all), [null])!;
    expect(again.factors).toEqual(police(all).factors);
    for (const code of all) expect(again.reason).toContain(`(DfE factor ${code})`);
  });

  it('with no earlier task for the assessment, raises the action as it is', () => {
    expect(actionForFactorsNotCovered(police(['18C', '22A']), [])).toEqual(police(['18C', '22A']));
  });

  it('a code no earlier task covered raises a new task naming only it, in plain words', () => {
    expect(actionForFactorsNotCovered(police(['18C', '19B', '22A']), [['18C', '19B']])).toEqual({ kind: 'tell-police', reason: `The assessment’s decision now names ${fgm}.`, factors: ['22A'] });
    const two = actionForFactorsNotCovered(police(['11A', '18C', '22A']), [['18C']])!;
    expect(two.factors).toEqual(['11A', '22A']);
    expect(two.reason).toBe(`The assessment’s decision now names child sexual exploitation (DfE factor 11A). It also names ${fgm}.`);
    // Covered by any earlier task of the assessment, the first or a later one.
    expect(actionForFactorsNotCovered(police(['11A', '18C', '22A']), [['18C'], two.factors!])).toBeNull();
    // A task raised by hand covers no code. Gangs reads as a thing named.
    expect(actionForFactorsNotCovered(police(['13A']), [null])!.reason).toBe('The assessment’s decision now names involvement with gangs (DfE factor 13A).');
  });

  it('the same decision again, or one with a code taken away, raises nothing', () => {
    const first = police(['18C', '22A']).factors!;
    expect(actionForFactorsNotCovered(police(['18C', '22A']), [first])).toBeNull();
    expect(actionForFactorsNotCovered(police(['22A']), [first])).toBeNull();
    expect(actionForFactorsNotCovered(police(['18C']), [first])).toBeNull();
  });

  it('an action without codes (NRM, education, chronology) is not for this rule: returned as it is', () => {
    const nrm = actionsFromFactors(['12A']).find((a) => a.kind === 'nrm-referral')!;
    expect(actionForFactorsNotCovered(nrm, [['12A']])).toEqual(nrm);
  });

  it('property: after raising what is new, every crime code on the decision is covered, and saving again raises nothing', () => {
    const codes = Object.keys(POLICE_FACTORS);
    fc.assert(
      fc.property(fc.array(fc.subarray(codes), { minLength: 1, maxLength: 5 }), (decisions) => {
        const earlier: (readonly string[])[] = [];
        for (const d of decisions) {
          const raised = actionsFromFactors(d).find((a) => a.kind === 'tell-police');
          const fresh = raised ? actionForFactorsNotCovered(raised, earlier) : null;
          if (fresh) {
            expect(fresh.factors!.some((c) => earlier.some((e) => e.includes(c)))).toBe(false);
            earlier.push(fresh.factors!);
          }
          const covered = new Set(earlier.flat());
          expect(d.every((c) => covered.has(c))).toBe(true);
          if (raised) expect(actionForFactorsNotCovered(raised, earlier)).toBeNull();
        }
      }),
    );
  });
});

describe('safeguarding actions raised by saving an assessment section (A13)', () => {
  it('the decision raises what its factors raise', () => {
    expect(actionsFromAssessmentSection('decision', { factors: ['22A', 'nonsense', 3] })).toEqual(actionsFromFactors(['22A']));
    expect(actionsFromAssessmentSection('decision', { factors: 'not a list' })).toEqual([]);
    expect(actionsFromAssessmentSection('decision', null)).toEqual([]);
  });

  it('the developmental needs that say the child is not in education raise "contact the education service"', () => {
    expect(actionsFromAssessmentSection('developmental-needs', { dimensions: {}, inEducation: 'no', completed: false })).toEqual([
      { kind: 'education-service', reason: 'The assessment records that the child is not in education (developmental needs, education).' },
    ]);
    for (const inEducation of ['yes', null, undefined, 'No']) expect(actionsFromAssessmentSection('developmental-needs', { dimensions: {}, inEducation, completed: true }), String(inEducation)).toEqual([]);
  });

  it('other sections raise nothing, even with the same words in them', () => {
    expect(actionsFromAssessmentSection('analysis', { factors: ['12A'], inEducation: 'no' })).toEqual([]);
    expect(actionsFromAssessmentSection('parenting-capacity', { inEducation: 'no' })).toEqual([]);
  });
});

describe('safeguarding actions raised by a chronology entry (A13)', () => {
  const entry = (category: string, sourceKind = 'person', sourceAgency: string | null = null) => ({ category, sourceKind, sourceAgency, summary: 'Dad hit Mum in front of the children.' });

  it('a police incident or a domestic abuse incident means a crime reported or suspected: tell the police now', () => {
    expect(actionsFromChronologyEntry(entry('domestic-abuse'))).toEqual([{ kind: 'tell-police', reason: 'A domestic abuse incident was recorded on the chronology: Dad hit Mum in front of the children.' }]);
    expect(actionsFromChronologyEntry(entry('police-incident', 'agency', 'Riverside Primary School')).map((a) => a.kind)).toEqual(['tell-police']);
    expect(Object.keys(CRIME_CATEGORIES).every((c) => CHRONOLOGY_CATEGORIES.some((k) => k.code === c))).toBe(true);
  });

  it('not when the police told us: they already know', () => {
    expect(actionsFromChronologyEntry(entry('domestic-abuse', 'agency', 'Metropolitan Police'))).toEqual([]);
    expect(actionsFromChronologyEntry(entry('police-incident', 'agency', 'Kent police, MASH'))).toEqual([]);
    expect(actionsFromChronologyEntry(entry('police-incident', 'agency', 'Thames Valley Constabulary'))).toEqual([]);
    // A person named "Police" is not the police telling us.
    expect(actionsFromChronologyEntry(entry('police-incident', 'person', 'Police'))).toHaveLength(1);
  });

  it('a child missing education (not on a school roll, or not going): contact the education service', () => {
    const missing = { category: 'missing-education', sourceKind: 'agency', sourceAgency: 'Riverside Primary School', summary: 'Taken off the school roll in May; no new school since.' };
    expect(actionsFromChronologyEntry(missing)).toEqual([
      { kind: 'education-service', reason: 'The chronology records that the child is missing education: Taken off the school roll in May; no new school since.' },
    ]);
    expect(actionsFromChronologyEntry({ ...missing, sourceKind: 'person', sourceAgency: null }).map((a) => a.kind)).toEqual(['education-service']);
    expect(Object.keys(EDUCATION_CATEGORIES).every((c) => CHRONOLOGY_CATEGORIES.some((k) => k.code === c))).toBe(true);
  });

  it('not when the education service told us: they already know', () => {
    const missing = (agency: string) => ({ category: 'missing-education', sourceKind: 'agency', sourceAgency: agency, summary: 'Not on any school roll.' });
    expect(actionsFromChronologyEntry(missing('Leeds Education Service'))).toEqual([]);
    expect(actionsFromChronologyEntry(missing('Children Missing Education team'))).toEqual([]);
    expect(actionsFromChronologyEntry(missing('Education welfare officer'))).toEqual([]);
    expect(actionsFromChronologyEntry(missing('School attendance service'))).toEqual([]);
  });

  it('the other categories raise nothing', () => {
    for (const c of ['health', 'education', 'missing', 'house-move', 'court', 'placement', 'other']) expect(actionsFromChronologyEntry(entry(c)), c).toEqual([]);
  });

  it('keeps the reason within a task’s 2,000 characters', () => {
    expect(actionsFromChronologyEntry({ ...entry('domestic-abuse'), summary: 'x'.repeat(4000) })[0]!.reason.length).toBe(2000);
  });
});
