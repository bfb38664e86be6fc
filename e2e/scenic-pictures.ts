import path from 'node:path';
import sharp from 'sharp';

/**
 * Photographic-looking pictures for README screenshots: scenes drawn from SVG (sky gradients, layered hills,
 * soft light, film grain from feTurbulence) so a screenshot shows a library a creator recognises rather than flat
 * colour tiles. Each scene has its own dominant colours (the colour filter has something to find), and two have
 * near copies (cropped, resized, re-encoded as JPEG) for the duplicate review.
 */

type Scene = { name: string; width: number; height: number; body: string };

/** Film grain and a soft vignette over the whole picture, so gradients look photographed, not drawn. */
function finish(width: number, height: number, grain: number): string {
  return (
    `<filter id="grain" x="0" y="0" width="100%" height="100%"><feTurbulence type="fractalNoise" baseFrequency="0.85" numOctaves="2" seed="7" stitchTiles="stitch"/>` +
    `<feColorMatrix type="saturate" values="0"/><feComponentTransfer><feFuncA type="table" tableValues="0 ${grain}"/></feComponentTransfer></filter>` +
    `<radialGradient id="vignette" cx="50%" cy="50%" r="75%"><stop offset="60%" stop-color="#000" stop-opacity="0"/><stop offset="100%" stop-color="#000" stop-opacity="0.45"/></radialGradient>` +
    `<rect width="${width}" height="${height}" filter="url(#grain)"/><rect width="${width}" height="${height}" fill="url(#vignette)"/>`
  );
}

/** A ridge line across the picture: a polygon through wobbling points, closed along the bottom. */
function ridge(width: number, height: number, base: number, amp: number, seed: number, fill: string, opacity = 1): string {
  const pts: string[] = [];
  const steps = 24;
  for (let i = 0; i <= steps; i++) {
    const x = (i / steps) * width;
    const y = base - amp * (0.55 * Math.sin(i * 0.7 + seed) + 0.3 * Math.sin(i * 1.9 + seed * 2.3) + 0.15 * Math.sin(i * 4.1 + seed * 0.7));
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return `<polygon points="0,${height} ${pts.join(' ')} ${width},${height}" fill="${fill}" fill-opacity="${opacity}"/>`;
}

const W = 1200;
const H = 800;

const scenes: Scene[] = [
  {
    name: 'golden-hour-coast.jpg',
    width: W,
    height: H,
    body:
      `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2b1d4f"/><stop offset="0.45" stop-color="#e0575b"/><stop offset="0.7" stop-color="#f7a441"/></linearGradient>` +
      `<linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#b4533e"/><stop offset="1" stop-color="#1d1433"/></linearGradient>` +
      `<filter id="glow"><feGaussianBlur stdDeviation="30"/></filter>` +
      `<rect width="${W}" height="${H}" fill="url(#sky)"/><circle cx="760" cy="520" r="140" fill="#ffd27a" filter="url(#glow)"/><circle cx="760" cy="520" r="70" fill="#fff1c4"/>` +
      `<rect y="540" width="${W}" height="260" fill="url(#sea)"/>` +
      `<rect x="690" y="560" width="140" height="6" fill="#ffd27a" opacity="0.7"/><rect x="650" y="590" width="220" height="5" fill="#ffd27a" opacity="0.45"/><rect x="610" y="630" width="300" height="4" fill="#ffd27a" opacity="0.3"/>` +
      ridge(W, H, 560, 60, 1.2, '#160f26'),
  },
  {
    name: 'fjord-morning.jpg',
    width: W,
    height: H,
    body:
      `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7fb2e5"/><stop offset="0.6" stop-color="#dbe9f4"/></linearGradient>` +
      `<filter id="mist"><feGaussianBlur stdDeviation="18"/></filter>` +
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` +
      ridge(W, H, 380, 150, 0.4, '#8aa3bd') +
      `<rect y="380" width="${W}" height="60" fill="#ffffff" opacity="0.6" filter="url(#mist)"/>` +
      ridge(W, H, 470, 130, 2.1, '#4d6a86') +
      ridge(W, H, 560, 110, 3.7, '#243b53') +
      `<rect y="610" width="${W}" height="190" fill="#1c3550"/><rect y="610" width="${W}" height="40" fill="#9fc3e0" opacity="0.35" filter="url(#mist)"/>`,
  },
  {
    name: 'pine-trail.jpg',
    width: 800,
    height: 1200,
    body:
      `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#cfe3c0"/><stop offset="1" stop-color="#2f5d3a"/></linearGradient>` +
      `<filter id="far"><feGaussianBlur stdDeviation="6"/></filter>` +
      `<rect width="800" height="1200" fill="url(#sky)"/>` +
      Array.from({ length: 9 }, (_, i) => {
        const x = 40 + i * 95;
        const h = 520 + ((i * 137) % 260);
        return `<polygon points="${x},${1200 - h} ${x - 70},1000 ${x + 70},1000" fill="#2d5535" filter="url(#far)"/>`;
      }).join('') +
      `<path d="M330,1200 C380,1000 440,900 400,760 L430,760 C480,900 470,1050 520,1200 Z" fill="#b89a6a"/>` +
      Array.from({ length: 5 }, (_, i) => {
        const x = i < 3 ? 60 + i * 110 : 560 + (i - 3) * 140;
        return `<polygon points="${x},${360 + i * 40} ${x - 120},1200 ${x + 120},1200" fill="#16311d"/>`;
      }).join(''),
  },
  {
    name: 'berry-bowl.jpg',
    width: W,
    height: H,
    body:
      `<radialGradient id="table" cx="50%" cy="45%" r="70%"><stop offset="0" stop-color="#f26a7b"/><stop offset="1" stop-color="#b3001f"/></radialGradient>` +
      `<filter id="shadow"><feGaussianBlur stdDeviation="22"/></filter>` +
      `<rect width="${W}" height="${H}" fill="url(#table)"/>` +
      `<ellipse cx="620" cy="440" rx="300" ry="270" fill="#5a0010" opacity="0.55" filter="url(#shadow)"/>` +
      `<circle cx="600" cy="410" r="280" fill="#f4efe8"/><circle cx="600" cy="410" r="225" fill="#e9e1d6"/>` +
      Array.from({ length: 26 }, (_, i) => {
        const a = i * 2.399;
        const r = 18 * Math.sqrt(i) * 1.9;
        const cx = 600 + r * Math.cos(a);
        const cy = 410 + r * Math.sin(a);
        const fill = i % 4 === 0 ? '#4b1d6b' : '#e4002b';
        return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="34" fill="${fill}"/><circle cx="${(cx - 10).toFixed(1)}" cy="${(cy - 12).toFixed(1)}" r="8" fill="#ffffff" opacity="0.55"/>`;
      }).join('') +
      `<circle cx="1040" cy="150" r="46" fill="#e4002b"/><circle cx="150" cy="660" r="40" fill="#e4002b"/>`,
  },
  {
    name: 'flat-white.jpg',
    width: W,
    height: H,
    body:
      `<linearGradient id="wood" x1="0" y1="0" x2="1" y2="0.3"><stop offset="0" stop-color="#8a5a3b"/><stop offset="0.5" stop-color="#a8754f"/><stop offset="1" stop-color="#6f4429"/></linearGradient>` +
      `<radialGradient id="crema" cx="50%" cy="50%" r="50%"><stop offset="0" stop-color="#f3e3c8"/><stop offset="0.7" stop-color="#c98d55"/><stop offset="1" stop-color="#6b3a1c"/></radialGradient>` +
      `<filter id="shadow"><feGaussianBlur stdDeviation="16"/></filter>` +
      `<rect width="${W}" height="${H}" fill="url(#wood)"/>` +
      Array.from({ length: 14 }, (_, i) => `<rect y="${i * 60 + 10}" width="${W}" height="3" fill="#5a3520" opacity="0.35"/>`).join('') +
      `<ellipse cx="560" cy="430" rx="290" ry="280" fill="#2a160b" opacity="0.5" filter="url(#shadow)"/>` +
      `<circle cx="540" cy="400" r="270" fill="#f6f1ea"/><circle cx="540" cy="400" r="170" fill="#f0e8dc"/><circle cx="540" cy="400" r="140" fill="url(#crema)"/>` +
      `<path d="M540,300 C600,340 600,380 540,420 C480,380 480,340 540,300 Z" fill="#fbf3e4" opacity="0.85"/>` +
      `<rect x="820" y="360" width="140" height="60" rx="30" fill="#f6f1ea"/>`,
  },
  {
    name: 'lavender-rows.jpg',
    width: W,
    height: H,
    body:
      `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6d4b8"/><stop offset="1" stop-color="#c9a6d9"/></linearGradient>` +
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` +
      ridge(W, H, 340, 30, 5.1, '#8f7aa8') +
      Array.from({ length: 11 }, (_, i) => {
        const spread = (i - 5) * 260;
        return `<polygon points="${600 + (i - 5) * 30},340 ${600 + (i - 5) * 30 + 14},340 ${600 + spread + 90},800 ${600 + spread - 40},800" fill="${i % 2 ? '#6b3fa0' : '#4a2a78'}"/>`;
      }).join('') +
      `<circle cx="930" cy="200" r="60" fill="#fff4e0" opacity="0.9"/>`,
  },
  {
    name: 'city-lights.jpg',
    width: 800,
    height: 1200,
    body:
      `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#060b24"/><stop offset="1" stop-color="#1b2f6b"/></linearGradient>` +
      `<filter id="bloom"><feGaussianBlur stdDeviation="3"/></filter>` +
      `<rect width="800" height="1200" fill="url(#sky)"/>` +
      Array.from({ length: 8 }, (_, i) => {
        const x = i * 100;
        const h = 420 + ((i * 211) % 420);
        const windows = Array.from({ length: 30 }, (_, j) => {
          const wx = x + 12 + (j % 4) * 20;
          const wy = 1200 - h + 20 + Math.floor(j / 4) * 40;
          return (i * 7 + j * 3) % 5 < 2 ? '' : `<rect x="${wx}" y="${wy}" width="10" height="16" fill="#ffc94a" filter="url(#bloom)"/>`;
        }).join('');
        return `<rect x="${x}" y="${1200 - h}" width="96" height="${h}" fill="#0b1230"/>${windows}`;
      }).join(''),
  },
  {
    name: 'teal-lagoon.jpg',
    width: W,
    height: H,
    body:
      `<radialGradient id="water" cx="40%" cy="40%" r="80%"><stop offset="0" stop-color="#7fe0d4"/><stop offset="0.5" stop-color="#0d8a7a"/><stop offset="1" stop-color="#06423d"/></radialGradient>` +
      `<filter id="ripple"><feTurbulence type="turbulence" baseFrequency="0.012 0.04" numOctaves="2" seed="3"/><feDisplacementMap in="SourceGraphic" scale="40"/></filter>` +
      `<rect width="${W}" height="${H}" fill="url(#water)"/>` +
      `<g filter="url(#ripple)">${Array.from({ length: 12 }, (_, i) => `<rect y="${i * 70}" width="${W}" height="8" fill="#c9fff5" opacity="0.25"/>`).join('')}</g>` +
      `<path d="M0,0 L420,0 C360,160 200,260 0,300 Z" fill="#e8d7a8"/><path d="M0,0 L300,0 C250,100 120,170 0,190 Z" fill="#3f7a3a"/>`,
  },
  {
    name: 'desert-dunes.jpg',
    width: W,
    height: H,
    body:
      `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f3c98b"/><stop offset="1" stop-color="#fbe7c6"/></linearGradient>` +
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` +
      ridge(W, H, 450, 70, 0.9, '#e0a35c') +
      ridge(W, H, 560, 90, 2.8, '#c47a3a') +
      ridge(W, H, 680, 60, 4.4, '#8e4f22'),
  },
];

/** Writes every scene and two near copies into `dir`; returns their paths, the copies last. */
export async function makeScenicPictures(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const s of scenes) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.height}"><defs/>${s.body}${finish(s.width, s.height, 0.22)}</svg>`;
    const file = path.join(dir, s.name);
    await sharp(Buffer.from(svg)).jpeg({ quality: 86 }).toFile(file);
    out.push(file);
  }
  // Near copies: the fjord cropped 2 % per side and resized to 60 %; the berries resized and saved at low quality.
  const fjord = path.join(dir, 'fjord-morning.jpg');
  await sharp(fjord).extract({ left: 24, top: 16, width: W - 48, height: H - 32 }).resize(Math.round((W - 48) * 0.6)).jpeg({ quality: 70 }).toFile(path.join(dir, 'fjord-morning-edit.jpg'));
  await sharp(path.join(dir, 'berry-bowl.jpg')).resize(720).jpeg({ quality: 62 }).toFile(path.join(dir, 'berry-bowl-web.jpg'));
  out.push(path.join(dir, 'fjord-morning-edit.jpg'), path.join(dir, 'berry-bowl-web.jpg'));
  return out;
}
