import { describe, expect, it } from 'vitest';
import { askedPage, pageWithin, teamHref, teamPagination, workerPages } from './teamPages';

describe('paging the team work list', () => {
  it('keeps the page asked for between the first and the last, and says what is shown', () => {
    expect(teamPagination('3', 2050, 100)).toMatchObject({ page: 3, pages: 21, offset: 200, from: 201, to: 300, summary: 'Showing 201 to 300 of 2,050 children' });
    expect(teamPagination('21', 2050, 100)).toMatchObject({ page: 21, offset: 2000, to: 2050, next: null, previous: { href: '/team?page=20#allocated' } });
    for (const asked of ['999', '1000000']) expect(teamPagination(asked, 2050, 100).page).toBe(21);
    for (const asked of [undefined, '', '0', '-1', '1.5', 'abc', ['2', '3']]) expect(teamPagination(asked, 2050, 100).page).toBe(1);
  });

  it('needs no pagination for one page, or none', () => {
    expect(teamPagination('1', 100, 100)).toMatchObject({ pages: 1, items: [], summary: null, previous: null, next: null });
    expect(teamPagination('4', 0, 100)).toMatchObject({ page: 1, pages: 1, offset: 0, from: 0, to: 0, items: [] });
  });

  it('numbers the first, the last and two either side of this page, with ellipses between', () => {
    const numbers = (page: string) => teamPagination(page, 2050, 100).items.map((i) => ('ellipsis' in i ? '…' : i.current ? `[${i.number}]` : i.number));
    expect(numbers('1')).toEqual(['[1]', '2', '3', '…', '21']);
    expect(numbers('10')).toEqual(['1', '…', '8', '9', '[10]', '11', '12', '…', '21']);
    expect(numbers('21')).toEqual(['1', '…', '19', '20', '[21]']);
  });

  it('pages the waiting lists with their own addresses, keeping the other lists on their pages', () => {
    const pages = { page: 3, waitingPage: 1, noTeamPage: 2 };
    expect(teamHref('waitingPage', 2, pages, 'waiting')).toBe('/team?waitingPage=2&page=3&noTeamPage=2#waiting');
    expect(teamHref('page', 1, pages, 'allocated')).toBe('/team?page=1&noTeamPage=2#allocated');
    expect(teamHref('noTeamPage', 4, { page: 1, waitingPage: 1, noTeamPage: 1 }, 'no-team')).toBe('/team?noTeamPage=4#no-team');
    const waiting = teamPagination('2', 120, 50, (n) => teamHref('waitingPage', n, pages, 'waiting'));
    expect(waiting).toMatchObject({ page: 2, pages: 3, offset: 50, summary: 'Showing 51 to 100 of 120 children', next: { href: '/team?waitingPage=3&page=3&noTeamPage=2#waiting' } });
  });

  it('reads the page asked for, and keeps it within the list', () => {
    for (const [asked, page] of [['7', 7], ['0', 1], ['', 1], ['-2', 1], ['x', 1], [undefined, 1], [['2'], 1]] as const) expect(askedPage(asked)).toBe(page);
    expect(pageWithin('7', 120, 50)).toBe(3);
    expect(pageWithin('2', 0, 50)).toBe(1);
    expect(pageWithin('2', 51, 50)).toBe(2);
  });

  it('finds the page where each worker’s children start', () => {
    const pages = workerPages([{ workerId: 'a', children: 120 }, { workerId: 'none', children: 0 }, { workerId: 'b', children: 1780 }, { workerId: 'c', children: 150 }], 100);
    expect(Object.fromEntries(pages)).toEqual({ a: 1, none: 2, b: 2, c: 20 });
  });
});
