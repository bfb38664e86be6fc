import { describe, expect, it } from 'vitest';
import { ModelId, modelDownloadTitle, modelOfDownloadTitle } from './whisper-models';

describe('model-download job titles', () => {
  it('name their model, so the engine finds a running download and the card shows it on the right row', () => {
    for (const id of ModelId.options) expect(modelOfDownloadTitle(modelDownloadTitle(id))).toBe(id);
    // "base" is not "base.en", and other jobs' titles name no model.
    expect(modelOfDownloadTitle(modelDownloadTitle('base.en'))).not.toBe('base');
    expect(modelOfDownloadTitle('Backing up Library (2)')).toBeNull();
    expect(modelOfDownloadTitle('Exporting Talk')).toBeNull();
  });
});
