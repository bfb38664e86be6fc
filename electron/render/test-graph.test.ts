import { describe, expect, it } from 'vitest';
import { checkExportArgs } from './test-graph';

// The checker the compiler's property test relies on: it must catch each thing ffmpeg would refuse.
const av = () => ({ video: true, audio: true });
const args = (inputs: string[], graph: string, maps = ['[v]', '[a]'], t = '2') => [
  '-hide_banner', ...inputs.flatMap((f) => ['-t', '2', '-i', f]), '-filter_complex', graph, ...maps.flatMap((m) => ['-map', m]), '-t', t, '/o.mp4',
];

describe('checkExportArgs', () => {
  it('passes a well-formed graph', () => {
    expect(checkExportArgs(args(['/a.mp4'], "[0:v]scale=2:2,setsar=1[v];[0:a:0]volume=0.5,afade=t=in:st=0:d=1[a]"), av)).toEqual([]);
    expect(checkExportArgs(args(['/a.mp4', '/b.png'], "[0:v]split[s1][s2];[s1][s2]overlay=0:0:enable='between(t,0,1)'[v0];[v0][1:v]overlay=1:1[v];anullsrc=r=48000:cl=stereo[a]"), av)).toEqual([]);
  });

  it('catches labels used twice, never, or before they exist', () => {
    expect(checkExportArgs(args(['/a.mp4'], '[0:v]null[x];[x]null[v];[x]null[y];anullsrc[a]'), av).join('\n')).toMatch(/\[x\] is used 2 times[\s\S]*\[y\] is never used/);
    expect(checkExportArgs(args(['/a.mp4'], '[q]null[v];anullsrc[a]'), av).join('\n')).toMatch(/\[q\] is used before/);
    expect(checkExportArgs(args(['/a.mp4'], '[0:v]null[v];[0:v]null[w];[w][v]overlay[z];anullsrc[a]', ['[z]', '[a]']), av).join('\n')).toMatch(/input stream \[0:v\] is used 2 times/);
  });

  it('catches input indexes out of range and streams a file does not have', () => {
    expect(checkExportArgs(args(['/a.mp4'], '[1:v]null[v];anullsrc[a]'), av).join('\n')).toMatch(/names input 1, but there are 1/);
    expect(checkExportArgs(args(['/a.png'], '[0:v]null[v];[0:a:0]anull[a]'), () => ({ video: true, audio: false })).join('\n')).toMatch(/has no audio/);
  });

  it('catches audio fed to video filters and wrong pad counts', () => {
    expect(checkExportArgs(args(['/a.mp4'], '[0:a:0]scale=2:2[v];anullsrc[a]'), av).join('\n')).toMatch(/is audio, used as video/);
    expect(checkExportArgs(args(['/a.mp4'], '[0:v]overlay[v];anullsrc[a]'), av).join('\n')).toMatch(/overlay takes 2 input/);
    expect(checkExportArgs(args(['/a.mp4'], '[0:v]null[v];[0:a:0]anull[a]', ['[a]', '[v]']), av).join('\n')).toMatch(/\[a\] is audio, used as video/);
  });

  it('catches numbers ffmpeg cannot read and a zero-length output', () => {
    expect(checkExportArgs(args(['/a.mp4'], '[0:v]trim=duration=1e+21,color=c=0x1e2e3f[v];anullsrc[a]'), av).join('\n')).toMatch(/cannot read.*1e\+2/);
    expect(checkExportArgs(args(['/a.mp4'], '[0:v]fade=d=NaN[v];anullsrc[a]'), av).join('\n')).toMatch(/NaN/);
    expect(checkExportArgs(args(['/a.mp4'], '[0:v]null[v];anullsrc[a]', undefined, '0'), av).join('\n')).toMatch(/output -t 0/);
    expect(checkExportArgs(args(['/a.mp4'], '[0:v]fade=t=in:st=0:d=0[v];anullsrc[a]'), av).join('\n')).toMatch(/fade of no duration/);
    expect(checkExportArgs(['-t', '0', '-i', '/a.mp4', '-filter_complex', '[0:v]null[v];anullsrc[a]', '-map', '[v]', '-map', '[a]', '-t', '1', '/o.mp4'], av).join('\n')).toMatch(/input option -t 0/);
  });
});
