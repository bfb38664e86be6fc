import { makeFixtures } from './fixtures';

/** vitest globalSetup: generate the media fixtures once before any test file runs. */
export default async function setup(): Promise<void> {
  await makeFixtures();
}
