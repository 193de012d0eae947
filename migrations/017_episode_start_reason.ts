/**
 * Episodes started by hand (P5): the reason and legal basis for starting the work, in plain words
 * ("Section 47 enquiry: the conference agreed a child protection plan"). Episodes opened by a
 * contact decision leave it empty: the decision's own reasons are on the contact.
 */
export const up = /* sql */ `
ALTER TABLE episodes ADD COLUMN start_reason text;
`;
