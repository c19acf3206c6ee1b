import { readFileSync } from 'node:fs';

const FIXTURES_DIR = new URL('../../fixtures/sources/', import.meta.url);

export function fixture(name: string): string {
	return readFileSync(new URL(name, FIXTURES_DIR), 'utf8');
}
