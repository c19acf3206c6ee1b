/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up
 * once it must exceed `max`: a typo is a substitution, a missing, an extra or a swapped letter.
 */
export function editDistanceWithin(a: string, b: string, max: number): number | undefined {
	if (Math.abs(a.length - b.length) > max) return undefined;
	let previousPrevious: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2]! + 1);
			current.push(value);
			rowMin = Math.min(rowMin, value);
		}
		if (rowMin > max) return undefined;
		previousPrevious = previous;
		previous = current;
	}
	const distance = previous[b.length]!;
	return distance <= max ? distance : undefined;
}
