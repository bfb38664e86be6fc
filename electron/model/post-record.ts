import { z } from 'zod';
import { Post } from './post';

/**
 * What the API returns for a post: the model plus what the library keeps beside it. `revision` counts content
 * edits (a delivery id names it, so an edited post is a new delivery); `approvals` are the approver ids
 * collected since the last submit.
 */
export const PostRecordSchema = Post.extend({ revision: z.number().int().positive(), approvals: z.array(z.string()) });
export type PostRecordShape = z.infer<typeof PostRecordSchema>;

export const PostCommentSchema = z.object({ id: z.string(), postId: z.string(), authorId: z.string(), body: z.string(), at: z.string() });

/** One CSV row that was not imported: the spreadsheet row number and what to fix (model/csv-import.ts). */
export const BulkRowErrorSchema = z.object({ row: z.number().int(), problem: z.string() });
