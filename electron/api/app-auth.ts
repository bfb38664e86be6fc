import { z } from 'zod';

/** What the app's page may ask of its own sign-in (validated here: the page is trusted, its input is not). */
export const AppAuthRequest = z.discriminatedUnion('op', [
  z.object({ op: z.literal('state') }).strict(),
  z.object({ op: z.literal('signIn'), login: z.string().max(200), password: z.string().max(1024) }).strict(),
  z.object({ op: z.literal('signOut') }).strict(),
]);
