// Loaded into a real `postframe serve` with NODE_OPTIONS=--import by e2e/browser/process-guards.spec.ts.
// SIGUSR2 plants the fault POSTFRAME_PLANT_FAULT names, as a bug in the host would make it:
//   rejection: a promise rejects and nobody handles it;  exception: a callback throws.
const mode = process.env.POSTFRAME_PLANT_FAULT;
process.on('SIGUSR2', () => {
  if (mode === 'rejection') void Promise.reject(new Error('planted rejection'));
  else if (mode === 'exception')
    setImmediate(() => {
      throw new Error('planted exception');
    });
});
