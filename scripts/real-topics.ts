import { SEED_TOPICS } from './seed-topics.ts';

/**
 * Topics of the real arXiv test set, the only hand-written part: a paper is relevant when its
 * title or abstract contains any variant. The seeds' topics (machine learning) come first; the
 * rest follow what the listings hold: vision, language, robotics, astrophysics.
 */
export const REAL_TOPICS: { query: string; variants: string[] }[] = [
	...SEED_TOPICS,
	{ query: 'gaussian splatting', variants: ['gaussian splatting', '3DGS'] },
	{ query: 'retrieval-augmented generation', variants: ['retrieval-augmented generation', 'retrieval augmented generation', 'RAG'] },
	{
		query: 'vision-language models',
		variants: ['vision-language model', 'vision-language models', 'vision language model', 'vision language models', 'VLM', 'VLMs'],
	},
	{ query: 'chain-of-thought', variants: ['chain-of-thought', 'chain of thought', 'CoT'] },
	{ query: 'autonomous driving', variants: ['autonomous driving', 'self-driving', 'autonomous vehicle', 'autonomous vehicles'] },
	{ query: 'graph neural networks', variants: ['graph neural network', 'graph neural networks', 'GNN', 'GNNs'] },
	{ query: 'speech recognition', variants: ['speech recognition', 'ASR'] },
	{ query: 'gravitational waves', variants: ['gravitational wave', 'gravitational waves', 'gravitational-wave'] },
	{ query: 'dark matter', variants: ['dark matter'] },
	{ query: 'exoplanets', variants: ['exoplanet', 'exoplanets', 'exoplanetary'] },
	{ query: 'point cloud', variants: ['point cloud', 'point clouds'] },
	{ query: 'semantic segmentation', variants: ['semantic segmentation'] },
	{ query: 'object detection', variants: ['object detection', 'object detector', 'object detectors'] },
	{ query: 'medical image segmentation', variants: ['medical image segmentation'] },
	{ query: 'video generation', variants: ['video generation'] },
	{ query: 'pose estimation', variants: ['pose estimation'] },
	{ query: 'super-resolution', variants: ['super-resolution', 'super resolution'] },
	{ query: 'knowledge graphs', variants: ['knowledge graph', 'knowledge graphs'] },
	{ query: 'machine translation', variants: ['machine translation', 'NMT'] },
	{ query: 'anomaly detection', variants: ['anomaly detection', 'outlier detection'] },
	{ query: 'differential privacy', variants: ['differential privacy', 'differentially private'] },
	{ query: 'neural radiance fields', variants: ['neural radiance field', 'neural radiance fields', 'NeRF', 'NeRFs'] },
	{ query: 'jailbreak attacks', variants: ['jailbreak', 'jailbreaks', 'jailbreaking', 'jailbroken'] },
	{ query: 'speculative decoding', variants: ['speculative decoding'] },
	{ query: 'black holes', variants: ['black hole', 'black holes'] },
];
