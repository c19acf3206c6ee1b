import { forEachWord } from '../search/tokenize.js';
import type { Topic } from './topic.js';

interface Entry {
	readonly channelId: string;
	readonly topic: Topic;
}

/** Separates title from abstract in the word sequence, so no phrase spans the two. */
const BREAK = '';

/** The words of a paper, in order and as a set, as the search index sees them. */
class PaperWords {
	readonly sequence: string[] = [];
	readonly set: Set<string>;

	constructor(title: string, abstract: string) {
		forEachWord(title, (term) => this.sequence.push(term));
		this.sequence.push(BREAK);
		forEachWord(abstract, (term) => this.sequence.push(term));
		this.set = new Set(this.sequence);
	}

	hasPhrase(phrase: readonly string[]): boolean {
		const [first] = phrase;
		for (let i = this.sequence.indexOf(first!); i !== -1; i = this.sequence.indexOf(first!, i + 1)) {
			if (phrase.every((term, offset) => this.sequence[i + offset] === term)) return true;
		}
		return false;
	}
}

function matches(topic: Topic, words: PaperWords): boolean {
	return (
		topic.words.every((forms) => forms.some((form) => words.set.has(form))) &&
		topic.phrases.every((phrase) => words.hasPhrase(phrase)) &&
		!topic.excludedWords.some((word) => words.set.has(word)) &&
		!topic.excludedPhrases.some((phrase) => words.hasPhrase(phrase))
	);
}

/** Whether one topic catches one paper; the matcher does the same for every topic at once. */
export function topicMatches(topic: Topic, paper: { readonly title: string; readonly abstract: string }): boolean {
	return matches(topic, new PaperWords(paper.title, paper.abstract));
}

/** The word a topic is filed under: its longest, a cheap stand-in for its rarest. */
function anchorOf(topic: Topic): readonly string[] {
	return topic.words.reduce((best, forms) => (forms[0]!.length > best[0]!.length ? forms : best));
}

/**
 * Every channel's topics, filed under one required word each, so a new paper is checked only
 * against the topics whose anchor it contains: thousands of channels cost a few map lookups.
 */
export class TopicMatcher {
	readonly #byAnchor = new Map<string, Entry[]>();
	readonly #byChannel = new Map<string, Entry[]>();

	get channels(): number {
		return this.#byChannel.size;
	}

	channelIds(): string[] {
		return [...this.#byChannel.keys()];
	}

	/** Replaces what a channel follows. */
	setChannel(channelId: string, topics: readonly Topic[]): void {
		this.removeChannel(channelId);
		const entries = topics.map((topic) => ({ channelId, topic }));
		if (entries.length === 0) return;
		this.#byChannel.set(channelId, entries);
		for (const entry of entries) {
			for (const form of anchorOf(entry.topic)) {
				let list = this.#byAnchor.get(form);
				if (!list) this.#byAnchor.set(form, (list = []));
				list.push(entry);
			}
		}
	}

	removeChannel(channelId: string): void {
		const entries = this.#byChannel.get(channelId);
		if (!entries) return;
		this.#byChannel.delete(channelId);
		for (const entry of entries) {
			for (const form of anchorOf(entry.topic)) {
				const kept = this.#byAnchor.get(form)?.filter((other) => other !== entry) ?? [];
				if (kept.length > 0) this.#byAnchor.set(form, kept);
				else this.#byAnchor.delete(form);
			}
		}
	}

	/** The channels a paper is for, each with the topics (as typed) that caught it. */
	match(paper: { readonly title: string; readonly abstract: string }): Map<string, string[]> {
		const words = new PaperWords(paper.title, paper.abstract);
		const checked = new Set<Entry>();
		const found = new Map<string, string[]>();
		for (const term of words.set) {
			for (const entry of this.#byAnchor.get(term) ?? []) {
				if (checked.has(entry)) continue;
				checked.add(entry);
				if (!matches(entry.topic, words)) continue;
				const topics = found.get(entry.channelId);
				if (topics) topics.push(entry.topic.text);
				else found.set(entry.channelId, [entry.topic.text]);
			}
		}
		return found;
	}
}
