/**
 * The time step of the last authenticator code accepted for each account, so a code cannot be used
 * twice (someone who saw it over a shoulder, or a replayed request, is refused).
 */
export const up = /* sql */ `
ALTER TABLE users ADD COLUMN totp_last_step bigint;
`;
