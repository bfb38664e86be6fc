import { describe, expect, it } from 'vitest';
import { isAppError } from '../model/errors';
import { parseSvgXml, sanitizeSvg } from './svg-sanitize';

const refusal = (svg: string): string => {
  try {
    sanitizeSvg(svg);
  } catch (e) {
    expect(isAppError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('sanitizeSvg', () => {
  it('refuses DOCTYPEs and entities (no DTD is ever read, nothing expands)', () => {
    const billion = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>';
    expect(refusal(billion)).toMatch(/DOCTYPE declaration.*Save the logo again as plain SVG/);
    expect(refusal('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>')).toMatch(/DOCTYPE/);
    expect(refusal('<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>')).toMatch(/entity &xxe;/);
  });

  it('strips scripts, event handlers, foreignObject, XInclude and every reference out of the file', () => {
    const evil = `<?xml version="1.0"?><?xml-stylesheet href="file:///etc/passwd"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xi="http://www.w3.org/2001/XInclude" onload="alert(1)" viewBox="0 0 10 10">
  <script>alert(1)</script>
  <foreignObject><iframe src="file:///etc/hostname"/></foreignObject>
  <image href="/etc/hostname" xlink:href="file:///tmp/secret.png" width="10" height="10"/>
  <image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/>
  <use href="other.svg#logo"/>
  <text><xi:include href="/etc/hostname" parse="text"/>Hi</text>
  <rect fill="url(file:///tmp/x.png#p)" style="fill:url('https://evil.example/x.svg#a')" width="5" height="5" onclick="x()"/>
  <style>@import url(file:///etc/passwd); rect { fill: red }</style>
  <a href="javascript:alert(1)"><circle r="1"/></a>
  <animate attributeName="href" values="/etc/hostname"/>
  <sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net"/>
</svg>`;
    const { svg, removed } = sanitizeSvg(evil);
    for (const bad of ['script', 'alert', 'foreignObject', 'iframe', '/etc/', 'file:', 'xi:', 'include', 'evil.example', 'other.svg', '@import', 'javascript', 'animate', 'sodipodi', 'onload', 'onclick', 'svg+xml', 'stylesheet']) {
      expect(svg, bad).not.toContain(bad);
    }
    expect(removed).toEqual(expect.arrayContaining(['script', 'foreignObject', 'xi:include', 'animate', 'svg@onload', 'image@href', 'image@xlink:href', 'use@href', 'rect@fill', 'rect@style', 'a@href']));
    // What is left still draws: the rectangle, the text, the link's circle.
    expect(svg).toMatch(/<rect fill="none" width="5" height="5"\/>/);
    expect(svg).toContain('<text>Hi</text>');
    expect(svg).toContain('<a><circle r="1"/></a>');
  });

  it('keeps references inside the file and inline raster images', () => {
    const ok = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient><path id="p" d="M0 0h5v5z"/></defs>
<rect fill="url(#g)" style="fill: url( '#g' )" width="10" height="10"/><use xlink:href="#p"/>
<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/><style><![CDATA[ rect > path { fill: url(#g) } ]]></style>
<text x="1" y="2">Caf&#233; &amp; bar &lt;3</text></svg>`;
    const { svg, removed } = sanitizeSvg(ok);
    expect(removed).toEqual([]);
    expect(svg).toContain('fill="url(#g)"');
    expect(svg).toContain('xlink:href="#p"');
    expect(svg).toContain('href="data:image/png;base64,iVBORw0KGgo="');
    expect(svg).toContain('Café &amp; bar &lt;3');
    expect(svg).toContain('rect &gt; path');
    // The clean copy is itself well-formed and sanitises to itself.
    expect(sanitizeSvg(svg).svg).toBe(svg);
  });

  it('declares the namespaces it keeps and refuses what is not a well-formed SVG', () => {
    expect(sanitizeSvg('<svg><use xlink:href="#a"/></svg>').svg).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"/></svg>');
    expect(refusal('<svg><g></svg>')).toMatch(/not well-formed/);
    expect(refusal('<svg a="1" a="2"/>')).toMatch(/not well-formed/);
    expect(refusal('<svg>AT&T</svg>')).toMatch(/not well-formed/);
    expect(refusal('<html><svg/></html>')).toMatch(/not an SVG image/);
    expect(refusal(`<svg>${'<g>'.repeat(300)}${'</g>'.repeat(300)}</svg>`)).toMatch(/nests more than/);
    expect(parseSvgXml('<svg><!-- a comment --><g/></svg>').children).toHaveLength(1);
  });
});
