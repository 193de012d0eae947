import { describe, expect, it } from 'vitest';
import { authorisationBlockers, checkpointProblems, latenessProblems, planProblems, submissionBlockers, voiceCoverageProblems, type AssessmentFacts } from './assessmentReadiness';
import { problemPage, sectionLabel } from './assessmentChecks';
import { CONSENT, INTERPRETER } from '../features/assessments/planValues';
import { completeAssessmentContent } from '../../test/helpers/assessmentContent';

/** Every content section complete and the checklist answered. */
const content = completeAssessmentContent;

const agreedPlan = (extra: Record<string, unknown> = {}) => ({
  aims: 'Understand what nights are like for Jade',
  seen: [{ who: 'Jade', grouping: 'alone', where: 'School', order: 1 }],
  interpreter: 'not-needed',
  interpreterLanguage: '',
  interpreterNotUsedReasons: '',
  interpreterApproval: null,
  consent: 'given',
  consentDetails: '',
  completed: true,
  ...extra,
});

/** An assessment on working day 20 of 45: the day 10 decision recorded, nothing late. */
const facts = (extra: Partial<AssessmentFacts> = {}): AssessmentFacts => ({
  variant: 'standard',
  plan: agreedPlan(),
  today: '2025-02-03',
  dueOn: '2025-03-10',
  lateReason: null,
  checkpoints: [
    { day: 10, dueOn: '2025-01-20', decision: 'full-assessment' },
    { day: 30, dueOn: '2025-02-17', decision: null },
    { day: 45, dueOn: '2025-03-10', decision: null },
  ],
  ...extra,
});
const places = (problems: { section: string; field: string }[]) => problems.map((p) => `${p.section}#${p.field}`);

describe('the assessment plan before authorisation (A3)', () => {
  it('passes an agreed plan, and one with an interpreter in a named language', () => {
    expect(planProblems(agreedPlan())).toEqual([]);
    expect(planProblems(agreedPlan({ interpreter: 'needed', interpreterLanguage: 'Polish' }))).toEqual([]);
  });

  it('asks for the plan when there is none, field by field, ending with "mark it completed"', () => {
    expect(places(planProblems(undefined))).toEqual(['plan#aims', 'plan#seen-0-who', 'plan#interpreter', 'plan#consent', 'plan#completed']);
    expect(places(planProblems('not an object'))).toEqual(places(planProblems({})));
    expect(planProblems(agreedPlan({ completed: false }))).toEqual([{ section: 'plan', field: 'completed', message: 'Mark this section as completed' }]);
    expect(places(planProblems(agreedPlan({ seen: [{ who: '  ' }] })))).toEqual(['plan#seen-0-who']);
  });

  it('refuses a decision not to use an interpreter without a team manager’s approval, linking to the approval page', () => {
    const problems = planProblems(agreedPlan({ interpreter: 'not-using', interpreterNotUsedReasons: 'Her sister interprets' }));
    expect(problems).toEqual([
      { section: 'plan', field: 'reasons', page: 'sections/plan/interpreter-approval', message: 'A team manager must approve the decision not to use an interpreter, with their reasons' },
    ]);
    expect(problemPage(problems[0]!)).toBe('sections/plan/interpreter-approval');
    // An approval with no approver or no reasons is no approval.
    expect(planProblems(agreedPlan({ interpreter: 'not-using', interpreterNotUsedReasons: 'Her sister interprets', interpreterApproval: { approvedBy: '', reasons: 'Fine' } }))).toHaveLength(1);
    expect(planProblems(agreedPlan({ interpreter: 'not-using', interpreterNotUsedReasons: 'Her sister interprets', interpreterApproval: { approvedBy: 'm', approvedByName: 'Morgan', approvedOn: '2025-01-10', reasons: 'She is trained' } }))).toEqual([]);
    expect(places(planProblems(agreedPlan({ interpreter: 'not-using' })))).toEqual(['plan#interpreterNotUsedReasons']);
    expect(places(planProblems(agreedPlan({ interpreter: 'needed' })))).toEqual(['plan#interpreterLanguage']);
  });

  it('needs the details when the family refused consent or was not asked', () => {
    expect(places(planProblems(agreedPlan({ consent: 'refused' })))).toEqual(['plan#consentDetails']);
    expect(planProblems(agreedPlan({ consent: 'not-sought', consentDetails: 'Asking would put Jade at risk' }))).toEqual([]);
  });

  it('knows the same interpreter and consent answers as the plan’s form', () => {
    for (const code of INTERPRETER.map((c) => c.code)) expect(places(planProblems(agreedPlan({ interpreter: code, interpreterLanguage: 'Polish', interpreterNotUsedReasons: 'x', interpreterApproval: { approvedBy: 'm', reasons: 'r' } })))).toEqual([]);
    for (const code of CONSENT.map((c) => c.code)) expect(planProblems(agreedPlan({ consent: code, consentDetails: 'Details' }))).toEqual([]);
  });
});

describe('timescales before authorisation (A2)', () => {
  it('needs reasons once the final date has passed, linking to the reasons page', () => {
    expect(latenessProblems(facts({ today: '2025-03-10' }))).toEqual([]);
    const late = latenessProblems(facts({ today: '2025-03-11' }));
    expect(late).toEqual([{ section: 'timescale', field: 'reasons', page: 'late-reasons', message: 'Record why the assessment went past its final date (10 March 2025)' }]);
    expect(latenessProblems(facts({ today: '2025-03-11', lateReason: 'The family moved' }))).toEqual([]);
    expect(latenessProblems(facts({ today: '2025-03-11', lateReason: '   ' }))).toHaveLength(1);
  });

  it('needs the manager’s decision at every checkpoint that has come due, each linking to its checkpoint', () => {
    expect(checkpointProblems(facts())).toEqual([]);
    const due = checkpointProblems(facts({ today: '2025-02-17' }));
    expect(due).toEqual([{ section: 'checkpoints', field: 'decision', page: 'checkpoints/30', message: 'Record the manager’s decision at the working day 30 checkpoint, due on 17 February 2025' }]);
    const none = facts({ today: '2025-03-12', checkpoints: facts().checkpoints.map((c) => ({ ...c, decision: null })) });
    expect(checkpointProblems(none).map((p) => p.page)).toEqual(['checkpoints/10', 'checkpoints/30', 'checkpoints/45']);
  });

  it('needs no later decisions once a manager decided to close the assessment', () => {
    const closed = facts({ today: '2025-03-12', lateReason: 'x', checkpoints: [{ day: 10, dueOn: '2025-01-20', decision: 'close' }, { day: 30, dueOn: '2025-02-17', decision: null }, { day: 45, dueOn: '2025-03-10', decision: null }] });
    expect(checkpointProblems(closed)).toEqual([]);
  });

  it('labels the new places for the error summary', () => {
    expect(sectionLabel('plan')).toBe('Assessment plan');
    expect(sectionLabel('timescale')).toBe('Timescale');
    expect(sectionLabel('checkpoints')).toBe('Checkpoint decisions');
    expect(problemPage({ section: 'voices' })).toBe('sections/voices');
  });
});

describe('what stops sending and authorising', () => {
  it('passes a complete assessment whose plan is agreed, on time, with its due decisions recorded', () => {
    expect(authorisationBlockers(content(), facts())).toEqual([]);
    expect(submissionBlockers(content(), facts())).toEqual([]);
  });

  it('refuses authorisation for each of the plan, the late reasons and a due decision, in page order', () => {
    const all = facts({ plan: agreedPlan({ completed: false }), today: '2025-03-11' });
    const { checklist: _checklist, ...unchecked } = content();
    expect(places(authorisationBlockers(unchecked, all))).toEqual([
      'plan#completed',
      'timescale#reasons',
      'checkpoints#decision',
      'checkpoints#decision',
      ...['childSeenAlone', 'allChildrenSeen', 'homeVisited', 'parentsSeen', 'analysisComplete', 'evidenceSupports'].map((k) => `checklist#items-${k}-ticked`),
    ]);
  });

  it('lets the worker send it without the manager’s decisions, but not without the plan or the late reasons', () => {
    const dueDecisions = facts({ today: '2025-02-20' });
    expect(places(authorisationBlockers(content(), dueDecisions))).toEqual(['checkpoints#decision']);
    expect(submissionBlockers(content(), dueDecisions)).toEqual([]);
    expect(places(submissionBlockers(content(), facts({ plan: undefined, today: '2025-03-11' })))).toEqual(['plan#aims', 'plan#seen-0-who', 'plan#interpreter', 'plan#consent', 'plan#completed', 'timescale#reasons']);
  });

  it('refuses authorisation by the manager who agreed with the decision as the worker (A8), after the checkpoints and before the checklist', () => {
    const agreedBy = content().decision!.workerAgreed!.userId;
    expect(authorisationBlockers(content(), facts({ authoriserId: '11111111-0000-4000-8000-000000000009' }))).toEqual([]);
    expect(places(authorisationBlockers(content(), facts({ authoriserId: agreedBy })))).toEqual(['decision#workerAgrees']);
    const { checklist: _checklist, ...unchecked } = content();
    const all = places(authorisationBlockers(unchecked, facts({ authoriserId: agreedBy, today: '2025-02-20' })));
    expect(all.slice(0, 3)).toEqual(['checkpoints#decision', 'decision#workerAgrees', 'checklist#items-childSeenAlone-ticked']);
    // Sending it is the worker's: not refused for this.
    expect(submissionBlockers(content(), facts({ authoriserId: agreedBy }))).toEqual([]);
  });

  it('still lists the content sections after the plan', () => {
    const problems = authorisationBlockers({}, facts({ plan: undefined }));
    expect(problems[0]!.section).toBe('plan');
    expect(problems.some((p) => p.section === 'developmental-needs')).toBe(true);
    expect(problems.findIndex((p) => p.section === 'developmental-needs')).toBeGreaterThan(problems.findIndex((p) => p.section === 'plan' && p.field === 'completed'));
  });
});

describe('the views of each parent and significant adult before sending (A5)', () => {
  const JO = '11111111-0000-4000-8000-000000000003';
  const DAN = '11111111-0000-4000-8000-000000000004';
  const PAT = '11111111-0000-4000-8000-000000000005';
  const adults = [
    { id: JO, name: 'Jo Parent', relationship: 'mother' },
    { id: DAN, name: 'Dan Elsewhere', relationship: 'father' },
    { id: PAT, name: 'Pat Lodger', relationship: null },
  ];
  const row = (personId: string, name: string, extra: Record<string, unknown> = {}) => ({ personId, name, relationship: null, livesWithChild: null, heard: 'yes' as const, view: 'I want help', heardOn: '2025-03-04', notHeardReason: null, ...extra });

  it('names everyone known around the child who is not in the voices section', () => {
    const c = content();
    c.voices!.adults = [row(JO, 'Jo Parent')];
    const problems = voiceCoverageProblems(c.voices, adults);
    expect(problems).toEqual([
      { section: 'voices', field: 'adults', message: 'Record the views of Dan Elsewhere (father), or say why they were not heard' },
      { section: 'voices', field: 'adults', message: 'Record the views of Pat Lodger, or say why they were not heard' },
    ]);
    expect(places(submissionBlockers(c, facts({ adults })))).toEqual(['voices#adults', 'voices#adults']);
    expect(authorisationBlockers(c, facts({ adults })).filter((p) => p.section === 'voices')).toHaveLength(2);
  });

  it('accepts a reason why someone was not heard, and someone listed with the wider family', () => {
    const c = content();
    c.voices!.adults = [row(JO, 'Jo Parent'), row(DAN, 'Dan Elsewhere', { heard: 'no', view: null, heardOn: null, notHeardReason: 'Not safe to contact: there is a non-molestation order' })];
    c.voices!.wider = [row(PAT, 'Pat Lodger')];
    expect(voiceCoverageProblems(c.voices, adults)).toEqual([]);
    expect(submissionBlockers(c, facts({ adults }))).toEqual([]);
  });

  it('asks for everyone when the voices section was never written, and nobody when no adult is known', () => {
    expect(voiceCoverageProblems(undefined, adults)).toHaveLength(3);
    expect(voiceCoverageProblems(content().voices, [])).toEqual([]);
  });
});

describe('the checklist borne out by the record before authorising (A9)', () => {
  it('adds the ticks the record does not bear out, after the checklist’s own answers', () => {
    const evidence = { from: '2025-01-06', child: { id: 'c', name: 'Jade', unborn: false }, householdChildren: [], parents: [], visits: [] };
    const problems = authorisationBlockers(content(), facts({ evidence }));
    expect(places(problems)).toEqual(['checklist#items-childSeenAlone-override', 'checklist#items-allChildrenSeen-override', 'checklist#items-homeVisited-override']);
    // Without the facts read (the submit page), nothing is checked against the record.
    expect(authorisationBlockers(content(), facts())).toEqual([]);
  });
});
