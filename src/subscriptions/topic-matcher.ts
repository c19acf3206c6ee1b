import { forEachWord } from '../search/tokenize.ts';
import type { Topic } from './topic.ts';

export interface PaperText {
	readonly title: string;
	readonly abstract: string;
}

/** Separates title from abstract in the word sequence, so no phrase spans the two. */
const BREAK = '';

/** The words of a paper, in order and as a set, as the search index sees them. */
class PaperWords {
	readonly sequence: string[] = [];
	readonly set: Set<string>;
	/** Where the title's words end (the break) in `sequence`. */
	readonly titleEnd: number;

	constructor(title: string, abstract: string) {
		forEachWord(title, (term) => this.sequence.push(term));
		this.titleEnd = this.sequence.length;
		this.sequence.push(BREAK);
		forEachWord(abstract, (term) => this.sequence.push(term));
		this.set = new Set(this.sequence);
	}

	hasPhrase(phrase: readonly string[]): boolean {
		return this.#phraseFrom(phrase, 0) !== -1;
	}

	/** Where the phrase next starts at or after `from`, or -1. */
	#phraseFrom(phrase: readonly string[], from: number): number {
		const [first] = phrase;
		for (let i = this.sequence.indexOf(first!, from); i !== -1; i = this.sequence.indexOf(first!, i + 1)) {
			if (phrase.every((term, offset) => this.sequence[i + offset] === term)) return i;
		}
		return -1;
	}

	/**
	 * How strongly a run of words (one word's forms, or a phrase) is present: 2 in the title,
	 * 1 in the abstract, 3 in both, since a paper about something names it in its title.
	 */
	presence(run: readonly string[], isPhrase: boolean): number {
		const startsBefore = (at: number, end: number) => at !== -1 && at < end;
		const isIn = (from: number, end: number) =>
			isPhrase ? startsBefore(this.#phraseFrom(run, from), end) : run.some((form) => startsBefore(this.sequence.indexOf(form, from), end));
		return (isIn(0, this.titleEnd) ? 2 : 0) + (isIn(this.titleEnd + 1, this.sequence.length) ? 1 : 0);
	}

	hasAny(forms: readonly string[]): boolean {
		for (const form of forms) if (this.set.has(form)) return true;
		return false;
	}
}

// Plain loops: this runs for every candidate topic of every new paper.
function matches(topic: Topic, words: PaperWords): boolean {
	for (const forms of topic.words) if (!words.hasAny(forms)) return false;
	if (words.hasAny(topic.excludedWords)) return false;
	for (const phrase of topic.phrases) if (!words.hasPhrase(phrase)) return false;
	for (const phrase of topic.excludedPhrases) if (words.hasPhrase(phrase)) return false;
	return true;
}

/** How strongly a paper a topic caught matches it: the presence of each of its words and phrases. */
function strength(topic: Topic, words: PaperWords): number {
	let total = 0;
	for (const forms of topic.words) total += words.presence(forms, false);
	for (const phrase of topic.phrases) total += words.presence(phrase, true);
	return total;
}

/** How strongly one topic catches one paper (as the matcher scores it), or undefined when it does not; the matcher does the same for every topic at once. */
export function topicStrength(topic: Topic, paper: PaperText): number | undefined {
	const words = new PaperWords(paper.title, paper.abstract);
	return matches(topic, words) ? strength(topic, words) : undefined;
}

/** A paper for a channel: the topics (as the channel wrote them) that caught it, and how strongly, summed over them. */
export interface ChannelMatch<P> {
	readonly paper: P;
	readonly topics: string[];
	strength: number;
}

/**
 * The word a topic is filed under: its rarest (so few papers make the matcher look at it), or
 * without word counts its longest, a fair stand-in.
 */
function anchorOf(topic: Topic): readonly string[] {
	return topic.words[topic.anchor ?? -1] ?? topic.words.reduce((best, forms) => (forms[0]!.length > best[0]!.length ? forms : best));
}

/** One distinct topic and every channel following it, each with the topic as it wrote it. */
interface TopicGroup {
	readonly topic: Topic;
	readonly channels: Map<string, string>;
	/** The last paper it was checked against, so a paper reaching it by two anchor forms checks it once. */
	checkedFor: number;
}

interface MatchedGroup {
	readonly group: TopicGroup;
	readonly strength: number;
}

/**
 * Every channel's topics, grouped by normalized topic (many channels follow the same one) and
 * filed under one required word each, so a new paper is checked only against the distinct
 * topics whose anchor it contains: thousands of channels cost a few map lookups.
 */
export class TopicMatcher {
	readonly #groups = new Map<string, TopicGroup>();
	readonly #byAnchor = new Map<string, TopicGroup[]>();
	readonly #byChannel = new Map<string, readonly Topic[]>();
	#papersChecked = 0;

	get channels(): number {
		return this.#byChannel.size;
	}

	channelIds(): string[] {
		return [...this.#byChannel.keys()];
	}

	/** Replaces what a channel follows. */
	setChannel(channelId: string, topics: readonly Topic[]): void {
		this.removeChannel(channelId);
		if (topics.length === 0) return;
		this.#byChannel.set(channelId, topics);
		for (const topic of topics) {
			let group = this.#groups.get(topic.key);
			if (!group) {
				group = { topic, channels: new Map(), checkedFor: -1 };
				this.#groups.set(topic.key, group);
				for (const form of anchorOf(topic)) {
					const list = this.#byAnchor.get(form);
					if (list) list.push(group);
					else this.#byAnchor.set(form, [group]);
				}
			}
			group.channels.set(channelId, topic.text);
		}
	}

	removeChannel(channelId: string): void {
		const topics = this.#byChannel.get(channelId);
		if (!topics) return;
		this.#byChannel.delete(channelId);
		for (const topic of topics) {
			const group = this.#groups.get(topic.key);
			if (!group?.channels.delete(channelId) || group.channels.size > 0) continue;
			this.#groups.delete(topic.key);
			for (const form of anchorOf(group.topic)) {
				const kept = this.#byAnchor.get(form)?.filter((other) => other !== group) ?? [];
				if (kept.length > 0) this.#byAnchor.set(form, kept);
				else this.#byAnchor.delete(form);
			}
		}
	}

	/** The channels a paper is for, each with the topics (as it wrote them) that caught it. */
	match(paper: PaperText): Map<string, string[]> {
		return new Map([...this.matchChannels([paper])].map(([channelId, [post]]) => [channelId, post!.topics]));
	}

	/**
	 * Matches papers in bulk: for each channel, the papers it should get, in order, each with
	 * the topics that caught it. Each distinct topic is checked once per paper, however many
	 * channels follow it; the cost that remains is one step per paper and channel it goes to.
	 */
	matchChannels<P extends PaperText>(papers: readonly P[]): Map<string, ChannelMatch<P>[]> {
		const byChannel = new Map<string, ChannelMatch<P>[]>();
		for (const paper of papers) {
			for (const { group, strength } of this.#groupsMatching(paper)) {
				for (const [channelId, text] of group.channels) {
					const posts = byChannel.get(channelId);
					const last = posts?.at(-1);
					if (last?.paper === paper) {
						last.topics.push(text);
						last.strength += strength;
					} else if (posts) posts.push({ paper, topics: [text], strength });
					else byChannel.set(channelId, [{ paper, topics: [text], strength }]);
				}
			}
		}
		return byChannel;
	}

	#groupsMatching(paper: PaperText): MatchedGroup[] {
		const words = new PaperWords(paper.title, paper.abstract);
		const stamp = ++this.#papersChecked;
		const matched: MatchedGroup[] = [];
		for (const term of words.set) {
			const groups = this.#byAnchor.get(term);
			if (!groups) continue;
			for (const group of groups) {
				if (group.checkedFor === stamp) continue;
				group.checkedFor = stamp;
				if (matches(group.topic, words)) matched.push({ group, strength: strength(group.topic, words) });
			}
		}
		return matched;
	}
}
