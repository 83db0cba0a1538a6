import type { core } from 'zod';

/**
 * The issues of the first union branch the value fits: no mismatch of the value itself (its type,
 * or not one of the branch's allowed values). A branch whose only complaints are deeper down (an
 * item, a key) or a refinement of the value is the one the user meant.
 */
export function fittingBranch(
  branches: readonly (readonly core.$ZodIssue[])[],
): readonly core.$ZodIssue[] | undefined {
  return branches.find(
    (branch) =>
      !branch.some(
        (inner) =>
          inner.path.length === 0 &&
          (inner.code === 'invalid_type' ||
            inner.code === 'invalid_value' ||
            (inner.code === 'invalid_union' && fittingBranch(inner.errors) === undefined)),
      ),
  );
}
