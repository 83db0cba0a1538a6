import * as z from 'zod';

const vector3 = z.tuple([z.number(), z.number(), z.number()]);
const vector2 = z.tuple([z.number(), z.number()]);

/** The facts of an output's geometry (see `OutputFacts`). */
export const outputFactsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('3d'),
    volume: z.number(),
    area: z.number().describe('Surface area, mm².'),
    bounds: z.object({ min: vector3, max: vector3 }),
    triangles: z.number().int(),
    closed: z.boolean().describe('Every edge shared by exactly two faces.'),
    openEdges: z.number().int().describe('Edges only one face uses: holes.'),
    nonManifoldEdges: z.number().int().describe('Edges more than two faces use.'),
  }),
  z.object({
    kind: z.literal('2d'),
    bounds: z.object({ min: vector2, max: vector2 }),
    area: z.number().describe('Area enclosed, holes left out, mm².'),
    contours: z.number().int(),
  }),
]);
