import { whisperStopLine } from '../model/worker-end';
import type { StudioOptions } from '../studio';
import { type UtilityFork, utilityWorker } from './utility-worker';

/**
 * The speech recogniser's process in Electron (docs/captions.md "Auto-captions: the binding"): whisper.cpp in
 * media/whisper-worker.ts, started as a utility process because the packaged app cannot fork itself as Node
 * (utility-worker.ts). Its environment is the app's; whisper.cpp's assertion line says why it died.
 * electron/main/index.ts passes it `utilityProcess.fork`. Tested with a stand-in (recognizer-spawner.test.ts).
 */
type RecognizerSpawner = NonNullable<StudioOptions['recognizerSpawner']>;

export function utilityRecognizerSpawner(fork: UtilityFork): RecognizerSpawner {
  return (entry) =>
    utilityWorker(fork, entry, { serviceName: 'Postframe speech recogniser', keepStderr: 4000, why: whisperStopLine });
}
