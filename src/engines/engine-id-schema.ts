import * as z from 'zod';
import type { EngineId } from './engine.js';

/** An `EngineId` in the documents parascad writes and reads (events, reports, run records). */
export const engineIdSchema = z.enum(['native', 'wasm', 'hybrid']) satisfies z.ZodType<EngineId>;
