import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { FIXTURES_DIR } from '../fixtures';

/**
 * Bench media, generated once and cached under .fixtures/bench/ (git-ignored). Bump VERSION whenever what
 * is generated changes, so stale caches are rebuilt instead of silently measured.
 */
const VERSION = '2';
export const BENCH_DIR = path.join(FIXTURES_DIR, 'bench');
export const JPEG_DIR = path.join(BENCH_DIR, 'jpeg');
export const VIDEO_DIR = path.join(BENCH_DIR, 'video');
export const JPEG_COUNT = 24;
export const VIDEO_COUNT = 4;
const W = 4000;
const H = 3000;

function ffmpeg(args: string[]): void {
  execFileSync(process.env.POSTFRAME_FFMPEG ?? 'ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * A photo-like texture bigger than one frame: smooth colour blobs (upscaled coarse noise) under fine grain,
 * so the JPEGs carry real entropy (~3 MB at quality 90, like a phone photo) instead of flat test patterns.
 */
async function baseTexture(width: number, height: number): Promise<Buffer> {
  const coarse = await sharp({ create: { width: Math.round(width / 10), height: Math.round(height / 10), channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 70 } } })
    .png()
    .toBuffer();
  const blobs = await sharp(coarse).resize(width, height, { kernel: 'cubic' }).blur(3).raw().toBuffer();
  const grain = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 25 } } }).blur(0.8).raw().toBuffer();
  return sharp(blobs, { raw: { width, height, channels: 3 } })
    .composite([{ input: grain, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
    .raw()
    .toBuffer();
}

async function makeJpegs(): Promise<void> {
  fs.mkdirSync(JPEG_DIR, { recursive: true });
  const bw = W + 1200;
  const bh = H + 900;
  const base = await baseTexture(bw, bh);
  for (let i = 0; i < JPEG_COUNT; i++) {
    // Each photo: its own crop, hue, brightness and caption, so none is a duplicate of another.
    const left = (i * 173) % (bw - W);
    const top = (i * 97) % (bh - H);
    const caption = Buffer.from(
      `<svg width="${W}" height="${H}"><rect x="${200 + i * 40}" y="${300 + i * 20}" width="1400" height="600" fill="rgba(255,255,255,0.35)"/>` +
        `<text x="${260 + i * 40}" y="${720 + i * 20}" font-size="320" font-family="sans-serif" fill="#202020">IMG ${String(i).padStart(4, '0')}</text></svg>`,
    );
    await sharp(base, { raw: { width: bw, height: bh, channels: 3 } })
      .extract({ left, top, width: W, height: H })
      .modulate({ hue: (i * 37) % 360, brightness: 0.85 + (i % 5) * 0.06, saturation: 0.8 + (i % 3) * 0.2 })
      .composite([{ input: caption }])
      .jpeg({ quality: 90 })
      .toFile(path.join(JPEG_DIR, `photo-${String(i).padStart(2, '0')}.jpg`));
  }
}

function makeVideos(): void {
  fs.mkdirSync(VIDEO_DIR, { recursive: true });
  const sources = [
    'testsrc2=size=1920x1080:rate=30:duration=3',
    'cellauto=size=1920x1080:rate=30:rule=110:random_fill_ratio=0.5,format=yuv420p',
    'life=size=1920x1080:rate=30:mold=10:ratio=0.2:death_color=#C83232:life_color=#00ff00,format=yuv420p',
    'smptehdbars=size=1920x1080:rate=30:duration=3,noise=alls=20:allf=t',
  ];
  sources.slice(0, VIDEO_COUNT).forEach((src, i) => {
    ffmpeg([
      '-f', 'lavfi', '-i', src, '-f', 'lavfi', '-i', `sine=frequency=${220 + i * 110}:duration=3`,
      '-t', '3', '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', '12M', '-maxrate', '16M', '-bufsize', '16M', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-shortest',
      path.join(VIDEO_DIR, `clip-${i}.mp4`),
    ]);
  });
}

/** Builds the bench media unless the cache for this VERSION is already there; returns the JPEG and video paths. */
export async function ensureBenchMedia(log: (msg: string) => void = () => {}): Promise<{ jpegs: string[]; videos: string[] }> {
  const stamp = path.join(BENCH_DIR, `.version-${VERSION}`);
  if (!fs.existsSync(stamp)) {
    log(`generating bench media in ${BENCH_DIR} (once; cached) …`);
    fs.rmSync(BENCH_DIR, { recursive: true, force: true });
    await makeJpegs();
    makeVideos();
    fs.writeFileSync(stamp, new Date().toISOString());
  }
  const list = (dir: string) => fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(dir, f));
  return { jpegs: list(JPEG_DIR), videos: list(VIDEO_DIR) };
}

/** Reads every file once so neither side of a comparison pays for a cold page cache. */
export function warm(files: string[]): void {
  for (const f of files) fs.readFileSync(f);
}

// ── names for a seeded library ──────────────────────────────────────────────
const NOUNS = `beach sunset sunrise mountain river lake ocean forest desert city street bridge tower castle garden park
field meadow valley canyon island harbor boat ship train plane car bike road highway tunnel station airport market cafe
restaurant kitchen dinner lunch breakfast coffee pizza burger salad cake cookie bread dessert drink cocktail wine beer
party wedding birthday concert festival parade holiday vacation trip journey hike climb swim surf skate snow rain storm
cloud rainbow lightning thunder wind fog mist frost winter summer spring autumn morning evening night midnight noon
dawn dusk moon star planet galaxy sky horizon shore wave tide sand rock stone cliff cave waterfall stream pond fountain
dog cat puppy kitten horse cow sheep goat pig chicken duck bird eagle owl parrot fish shark whale dolphin turtle frog
butterfly bee spider flower rose tulip daisy lily tree oak pine palm leaf grass moss fern mushroom fruit apple banana
orange lemon cherry grape strawberry melon peach tomato potato carrot onion pepper garlic family friend mother father
sister brother baby child kid teen couple bride groom grandma grandpa uncle aunt cousin team crowd audience dancer
singer drummer guitar piano violin drum microphone speaker stage studio camera lens tripod drone light shadow reflection
portrait selfie landscape closeup timelapse slowmo hyperlapse interview tutorial review unboxing vlog intro outro trailer
teaser promo ad commercial clip scene shot take cut edit draft final version export render preview thumbnail cover
poster banner logo title caption subtitle voiceover music song beat track loop sample sound noise ambience effect
transition overlay filter grade color palette texture pattern background foreground frame border corner center
window door wall floor roof ceiling stairs hallway room bedroom bathroom office desk chair table sofa lamp mirror clock
book magazine newspaper letter card gift box bag basket bottle glass cup plate bowl spoon fork knife candle fire
fireplace smoke flame ash ice water steam bubble balloon kite flag sign map compass ticket passport luggage suitcase
hotel hostel tent cabin camp campfire trail path bench fence gate barn farm village town downtown skyline rooftop
alley corridor museum gallery library school campus classroom stadium arena court gym pool playground zoo aquarium
temple church chapel mosque shrine monument statue fountain square plaza pier dock lighthouse marina canal lagoon reef
volcano glacier dune oasis prairie jungle swamp orchard vineyard greenhouse workshop garage factory warehouse
laptop phone tablet screen keyboard mouse cable charger battery robot machine engine wheel tire helmet jacket shirt
dress shoe boot hat scarf glove sunglasses watch ring necklace earring makeup hair smile laugh hug kiss tear dance
jump run walk ride drive fly race game match goal score win trophy medal prize award ceremony speech toast dinner`;

const ADJECTIVES = `red blue green yellow orange purple pink black white gray golden silver bright dark warm cold hot cool
sunny cloudy rainy snowy windy foggy stormy calm quiet loud happy sad funny cute lovely beautiful pretty ugly big small
tiny huge tall short long wide narrow deep shallow high low fast slow early late new old young ancient modern vintage
retro classic fresh clean dirty wet dry soft hard smooth rough sharp blurry crisp vivid pale faded rich simple fancy
wild tame urban rural tropical arctic coastal alpine misty dreamy moody cinematic dramatic epic candid raw rough final
approved rejected backup spare extra alternate wide medium tight handheld aerial underwater vertical horizontal square
portrait cropped stabilized graded ungraded muted loud`;

const VERBS = `walk run jump dance sing play swim surf climb hike ride drive fly sail paddle dive skate ski cook bake eat drink
laugh smile cry talk shout whisper read write paint draw build fix clean wash open close start stop turn spin fall rise
shoot film edit cut trim record stream post share upload download review test launch celebrate explore travel wander
relax sleep wake train practice perform present teach learn watch wait chase catch throw kick score win lose`;

const PLACES = `paris london tokyo berlin rome madrid lisbon vienna prague budapest warsaw oslo stockholm helsinki copenhagen
dublin edinburgh amsterdam brussels zurich geneva milan venice florence naples athens istanbul cairo marrakech dubai
mumbai delhi bangkok hanoi singapore bali sydney melbourne auckland tokyo kyoto osaka seoul beijing shanghai hongkong
taipei manila jakarta vancouver toronto montreal chicago boston newyork miami austin denver seattle portland
sanfrancisco losangeles sandiego lasvegas phoenix honolulu anchorage mexico havana lima bogota quito santiago
buenosaires rio saopaulo capetown nairobi lagos accra iceland norway alps sahara patagonia yosemite yellowstone`;

const MORE_NOUNS = `acrobat actor album alarm anchor angle antenna apartment apron arch archive arrow artist athlete attic avenue
backpack badge bakery balcony ballet band bank bar barrel baseball basketball bay beard bell belt berry blanket blossom
boardwalk bonfire bookshelf bottlecap bouquet bracelet branch brick broom brush bucket buffet building bulb bunny bus
butcher cabinet cactus calendar canoe canvas canyon captain carnival carousel carpet cart cartoon cascade cathedral
ceramic chalk champion chef chess chimney chocolate circus citizen clay clown coach coast coat collar comet comic cone
cookbook costume cottage cowboy crab crane crayon creek cricket crown cruise crystal cupcake curtain cushion cyclist
daisy dam deck deer denim diamond diner dinosaur diploma diver doctor doll donut dragon dragonfly driveway duckling
dumpling easel elevator elephant embroidery emerald envelope escalator estate fabric fairground falcon farmer feather
ferry festival fiddle fig firework fisherman flamingo flashlight flute fountain fox freeway fries frog fudge furniture
gadget gallery gardener gazebo gem giraffe glitter globe goalkeeper goose gorilla graffiti granite grill guitarist
hammock hamster handbag hangar harbour harp hawk headphone hedge hen heron highland hill hippo hockey honey hoodie hook
hose hospital hut iceberg icecream igloo inn insect jam jar jeep jellyfish jet jewel jigsaw juggler kayak kettle kiosk
knight koala ladder ladybug lantern lawn lemonade leopard lettuce lighthouse lion lizard llama lobster locker lodge
lollipop lotus magnet mailbox mango mansion marble marathon mascot meadow medal menu mermaid meteor microscope mill
mint monkey monster mosaic motel motorbike mountaineer mural mushroom musician napkin necktie nest noodle notebook
nurse oar octopus olive orchestra ostrich otter oven paddle pagoda painter pajama pancake panda parachute parrot pasta
pastry pebble pelican penguin piano picnic pigeon pilot pineapple pirate pitcher pizzeria planet plant platform
pony popcorn porch pottery pumpkin puppet pyramid quilt rabbit raccoon racket radio raft railway ranch raven recipe
referee reindeer robin rocket rodeo rollercoaster rooster rug sailboat sailor salmon sandal sandcastle sausage scooter
seagull seal seashell shepherd shovel sidewalk skateboard skeleton skier skyscraper sled slide snail snorkel snowman
soccer sock soldier souvenir spaghetti sparrow spice squirrel stadium stamp stapler starfish statue stew stool
strawberry submarine subway sundae sunflower superhero sushi swan sweater swing tablecloth taco tambourine tank taxi
teapot telescope tennis terrace theater tiger toaster toddler tortoise tractor trampoline tram tricycle trolley trumpet
tulip tuxedo umbrella unicorn vase vegetable velvet violinist volleyball waffle wagon waiter walrus wardrobe warrior
watermelon weaver whistle windmill wizard wolf wreath yacht yoga zebra zipper`;

const NAMES = `anna ben carla david emma felix grace hugo iris jack kate leo maria nina oscar paula quinn rosa sam tina
uma victor wendy xavier yara zoe alex bella chris diana eric fiona george hannah ivan julia kevin lucy mark nora
oliver peter rachel simon tom ursula vera will yusuf zara`;

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/** ~2,000 distinct words a person might put in a media file name: nouns (and plurals), adjectives, verb forms, places. */
export function vocabulary(): string[] {
  const out = new Set<string>();
  for (const n of words(NOUNS)) {
    out.add(n);
    out.add(n.endsWith('s') || n.endsWith('x') || n.endsWith('h') ? `${n}es` : n.endsWith('y') && !/[aeiou]y$/.test(n) ? `${n.slice(0, -1)}ies` : `${n}s`);
  }
  for (const n of words(MORE_NOUNS)) {
    out.add(n);
    out.add(n.endsWith('s') || n.endsWith('x') || n.endsWith('h') ? `${n}es` : n.endsWith('y') && !/[aeiou]y$/.test(n) ? `${n.slice(0, -1)}ies` : `${n}s`);
  }
  for (const n of words(NAMES)) out.add(n);
  for (const a of words(ADJECTIVES)) out.add(a);
  for (const v of words(VERBS)) {
    const stem = v.endsWith('e') && !v.endsWith('ee') ? v.slice(0, -1) : /[^aeiou][aeiou][bdgmnpt]$/.test(v) ? v + v.at(-1) : v;
    out.add(v);
    out.add(`${stem}ing`);
    out.add(v.endsWith('e') ? `${v}d` : `${stem}ed`);
  }
  for (const p of words(PLACES)) out.add(p);
  return [...out];
}

/** A deterministic PRNG (mulberry32), so every run seeds the same library and asks the same queries. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks indexes 0..n-1 with a Zipf-like (1/rank) skew: a few words are in many names, most in few. */
export function zipf(n: number, random: () => number): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (let i = 1; i <= n; i++) cdf.push((sum += 1 / i));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
