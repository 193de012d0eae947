import { describe, expect, it } from 'vitest';
import { pageLinks, pageNumber } from './pages';

describe('numbered pages', () => {
  it('reads a page number from the address, anything else the first page', () => {
    expect(pageNumber('3')).toBe(3);
    for (const junk of [undefined, '', '0', '-2', 'x', '1e3', '9999999', ['2']]) expect(pageNumber(junk), String(junk)).toBe(1);
  });

  it('links the first and last pages and this one’s neighbours, with an ellipsis between', () => {
    const links = pageLinks(5, 9, (n) => `?page=${n}`)!;
    expect(links.previous).toEqual({ href: '?page=4' });
    expect(links.next).toEqual({ href: '?page=6' });
    expect(links.items.map((i) => ('ellipsis' in i ? '…' : i.current ? `[${i.number}]` : i.number))).toEqual(['1', '…', '4', '[5]', '6', '…', '9']);
    expect(pageLinks(1, 2, (n) => `?page=${n}`)!.items.map((i) => ('number' in i ? i.number : '…'))).toEqual(['1', '2']);
    expect(pageLinks(1, 1, (n) => `?page=${n}`)).toBeNull();
  });
});
