// Binary search over sorted lists, the one way the model looks things up by prefix.

/**
 * The first index in `[from, list.length)` where `before` turns false; `before` must be true for a
 * leading run of that range and false after it (a sorted list searched by a monotone predicate).
 */
export function partitionPoint<T>(list: readonly T[], before: (item: T) => boolean, from = 0): number {
    let lo = from;
    let hi = list.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(list[mid])) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}
