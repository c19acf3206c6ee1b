/**
 * Request bodies checked against Discord's own published OpenAPI specification
 * (`../shared/discord-api-spec/openapi.json` from the repository root, unmodified: see SOURCE.md
 * there). The spec is read once per process; each operation's body schema is compiled on its
 * first request, with the whole `components/schemas` of the spec behind its `$ref`s.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FormProblem } from './errors.ts';
import type { SpecViolation } from './types.ts';

/** Where the spec lives: beside the repository, shared by every checkout, never copied into it. */
export const SPEC_PATH = fileURLToPath(new URL('../../../../shared/discord-api-spec/openapi.json', import.meta.url));

type Schema = Record<string, unknown>;
interface Operation {
	requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
}
interface Spec {
	/** Per path: its operations by lower-case method, and `parameters`. */
	paths: Record<string, Record<string, unknown>>;
	components: { schemas: Record<string, Schema> };
}

const SCHEMAS_ID = 'discord-openapi';
const REF_PREFIX = '#/components/schemas/';

/**
 * Where the spec refuses what Discord accepts and discord.js sends, each narrowed to one property
 * of the schemas named. Extend this only for a real discord.js request, with the reason.
 */
const QUIRKS: { schemas: string[]; property: string; replace: (original: Schema) => Schema; reason: string }[] = [
	{
		schemas: ['ApplicationCommandCreateRequest', 'ApplicationCommandUpdateRequest', 'ApplicationCommandPatchRequestPartial'],
		property: 'default_member_permissions',
		replace: (original) => ({ anyOf: [original, { type: 'string', pattern: '^[0-9]+$' }] }),
		reason:
			'The spec says integer; Discord documents "?string" (a permission bit set) and takes it, and discord.js always sends ' +
			'a decimal string (ApplicationCommandManager.transformCommand), which an integer could not hold past 2^53 anyway.',
	},
];

let loaded: { spec: Spec; ajv: Ajv2020 } | null = null;
const validators = new Map<string, ValidateFunction>();

function load(): { spec: Spec; ajv: Ajv2020 } {
	if (loaded) return loaded;
	let text: string;
	try {
		text = readFileSync(SPEC_PATH, 'utf8');
	} catch (error) {
		throw new Error(`FakeDiscord: cannot read Discord's OpenAPI spec at ${SPEC_PATH}, which it checks every request body against`, {
			cause: error,
		});
	}
	const spec = JSON.parse(text) as Spec;
	const schemas = structuredClone(spec.components.schemas);
	for (const quirk of QUIRKS) {
		for (const name of quirk.schemas) {
			const properties = schemas[name]?.properties as Record<string, Schema> | undefined;
			const original = properties?.[quirk.property];
			if (!properties || !original) throw new Error(`FakeDiscord: a spec quirk for ${name}.${quirk.property}, which the spec lacks`);
			properties[quirk.property] = quirk.replace(original);
		}
	}
	for (const name of Object.keys(schemas)) schemas[name] = dispatchOnType(schemas[name], schemas) as Schema;
	const ajv = new Ajv2020({ strict: true, allErrors: true });
	addFormats.default(ajv);
	// Discord's own formats: a snowflake is a uint64 in decimal (its pattern checks the digits, so this only the range), a nonce any string.
	ajv.addFormat('snowflake', { type: 'string', validate: (value: string) => !/^\d+$/.test(value) || BigInt(value) < 2n ** 64n });
	ajv.addFormat('nonce', { type: 'string', validate: () => true });
	// Annotations only: how Discord's code generator names a union.
	ajv.addKeyword('x-discord-union');
	ajv.addKeyword('components');
	ajv.addSchema({ $id: SCHEMAS_ID, components: { schemas } });
	loaded = { spec, ajv };
	return loaded;
}

/** The spec's operation for a method and path template (like `/channels/{channel_id}/messages`), or null. */
function operation(method: string, template: string): Operation | null {
	const op = load().spec.paths[template]?.[method.toLowerCase()];
	return op && typeof op === 'object' && method.toLowerCase() !== 'parameters' ? op : null;
}

/** Throws, naming every one, when routes the fake serves have no operation in the spec. */
export function assertRoutesInSpec(routes: readonly { method: string; pattern: string }[]): void {
	const missing = routes.filter((r) => !operation(r.method, r.pattern)).map((r) => `${r.method} ${r.pattern}`);
	if (missing.length > 0) throw new Error(`FakeDiscord: routes missing from Discord's OpenAPI spec (${SPEC_PATH}): ${missing.join(', ')}`);
}

function resolve(schema: unknown, schemas: Record<string, Schema>): Schema | null {
	let node = schema as Schema | undefined;
	for (let hops = 0; node && typeof node.$ref === 'string' && hops < 10; hops++) {
		const ref = node.$ref;
		node = ref.startsWith(REF_PREFIX) ? schemas[ref.slice(REF_PREFIX.length)] : undefined;
	}
	return node && typeof node === 'object' ? node : null;
}

/** The `type` values a union branch requires, when it requires an integer or string `type` of its own. */
function tagsOf(branch: unknown, schemas: Record<string, Schema>): unknown[] | null {
	const schema = resolve(branch, schemas);
	const tag = (schema?.properties as Record<string, Schema> | undefined)?.type;
	if (!schema || !Array.isArray(schema.required) || !schema.required.includes('type') || !tag) return null;
	if (Array.isArray(tag.enum)) return tag.enum as unknown[];
	return 'const' in tag ? [tag.const] : null;
}

/**
 * Rewrites every `oneOf`/`anyOf` whose branches each require their own `type` values (interaction
 * callbacks, components, command options) as an if/then chain on `type`, which accepts exactly the
 * same bodies: Discord reads `type` first, and so the errors are those of the branch it picked,
 * not of every branch the body is not.
 */
function dispatchOnType(node: unknown, schemas: Record<string, Schema>): unknown {
	if (Array.isArray(node)) return node.map((item) => dispatchOnType(item, schemas));
	if (!node || typeof node !== 'object') return node;
	const out: Schema = {};
	for (const [key, value] of Object.entries(node)) out[key] = dispatchOnType(value, schemas);
	for (const key of ['oneOf', 'anyOf'] as const) {
		const branches = out[key];
		if (!Array.isArray(branches) || branches.length < 2 || 'if' in out) continue;
		const tags = branches.map((branch) => tagsOf(branch, schemas));
		const all = tags.flat();
		if (tags.some((t) => t === null) || new Set(all).size !== all.length) continue;
		const tagged = (values: unknown[]): Schema => ({ type: 'object', required: ['type'], properties: { type: { enum: values } } });
		let chain: Schema = tagged(all);
		for (let i = branches.length - 1; i >= 0; i--) chain = { if: tagged(tags[i]!), then: branches[i] as Schema, else: chain };
		delete out[key];
		Object.assign(out, chain);
		break;
	}
	return out;
}

function withRefs(schema: Schema): Schema {
	return JSON.parse(JSON.stringify(schema).replaceAll(`"${REF_PREFIX}`, `"${SCHEMAS_ID}${REF_PREFIX}`)) as Schema;
}

function validatorFor(method: string, template: string, schema: Schema): ValidateFunction {
	const key = `${method} ${template}`;
	let validate = validators.get(key);
	if (!validate) {
		const { ajv, spec } = load();
		validate = ajv.compile(withRefs(dispatchOnType(schema, spec.components.schemas) as Schema));
		validators.set(key, validate);
	}
	return validate;
}

/** The file form fields (`files[n]`) a multipart schema names, through its allOf. */
function fileFields(schema: Schema | undefined): Set<string> {
	const names = new Set<string>();
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		const s = node as Schema;
		for (const name of Object.keys((s.properties as Schema | undefined) ?? {})) if (/^files\[\d+\]$/.test(name)) names.add(name);
		if (Array.isArray(s.allOf)) s.allOf.forEach(visit);
	};
	visit(schema);
	return names;
}

export interface BodyToCheck {
	method: string;
	/** The route's path template, a key of the spec's `paths`. */
	template: string;
	/** JSON, or multipart's `payload_json`; undefined when the request has no body. */
	body: unknown;
	multipart: boolean;
	fileFields: readonly string[];
}

/** What the spec finds wrong with a request body, as Discord reports form errors; empty when it is fine. */
export function specProblems(request: BodyToCheck): FormProblem[] {
	const op = operation(request.method, request.template);
	if (!op) return [{ path: [], code: 'SPEC_NO_OPERATION', message: `No ${request.method} ${request.template} in the spec` }];
	const content = op.requestBody?.content;
	if (request.body === undefined) {
		if (!op.requestBody?.required) return [];
		return [{ path: [], code: 'BASE_TYPE_REQUIRED', message: 'This operation requires a request body' }];
	}
	const json = content?.['application/json']?.schema;
	if (!json) return [{ path: [], code: 'SPEC_NO_REQUEST_BODY', message: 'This operation takes no JSON request body' }];
	const problems: FormProblem[] = [];
	if (request.multipart) {
		const multipart = content['multipart/form-data']?.schema;
		if (!multipart) problems.push({ path: [], code: 'SPEC_NO_MULTIPART', message: 'This operation takes no multipart/form-data body' });
		// Where the spec names no file fields (interaction callbacks, webhook execute), Discord takes files all the same.
		const allowed = fileFields(multipart);
		for (const field of request.fileFields)
			if (allowed.size > 0 && !allowed.has(field))
				problems.push({ path: [field], code: 'SPEC_UNKNOWN_FILE_FIELD', message: `Not a file field of this operation` });
	}
	const validate = validatorFor(request.method, request.template, json);
	if (!validate(request.body)) problems.push(...formProblems(validate.errors ?? [], request.body));
	return problems;
}

function pointerPath(pointer: string): (string | number)[] {
	if (pointer === '') return [];
	return pointer
		.slice(1)
		.split('/')
		.map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
		.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(body: unknown, path: (string | number)[]): unknown {
	let node = body;
	for (const key of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
	return node;
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

interface Found extends FormProblem {
	/** A wrong type: noise when another branch of a union took the type and said more. */
	typeError: boolean;
	/** The `type: null` branch of a nullable `oneOf`: the least telling type error. */
	weak: boolean;
	choices?: unknown[];
}

/** One Ajv error in Discord's words (its form error codes), or null for the bookkeeping of unions. */
function toProblem(error: ErrorObject, body: unknown): Found | null {
	const path = pointerPath(error.instancePath);
	const value = valueAt(body, path);
	const p = error.params as Record<string, unknown>;
	const found = (code: string, message: string, extra: Partial<Found> = {}): Found => ({
		path,
		code,
		message,
		typeError: error.keyword === 'type',
		weak: false,
		...extra,
	});
	switch (error.keyword) {
		case 'required':
			return { ...found('BASE_TYPE_REQUIRED', 'This field is required'), path: [...path, String(p.missingProperty)] };
		case 'type': {
			const types = ([] as unknown[]).concat(p.type).map(String);
			const type = types.find((t) => t !== 'null') ?? 'null';
			if (type === 'null') return found('BASE_TYPE_NULL', 'Must be null.', { weak: true });
			if (type === 'object') return found('MODEL_TYPE_CONVERT', 'Expected an object/dictionary.');
			if (type === 'array') return found('LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType.');
			if (type === 'string') return found('STRING_TYPE_CONVERT', `Could not interpret "${shown(value)}" as string.`);
			if (type === 'boolean') return found('BOOLEAN_TYPE_CONVERT', 'Must be either true or false.');
			return found('NUMBER_TYPE_COERCE', `Value "${shown(value)}" is not ${type === 'integer' ? 'int' : 'a valid number'}.`);
		}
		case 'maxLength':
		case 'maxItems':
			return found('BASE_TYPE_MAX_LENGTH', `Must be ${String(p.limit)} or fewer in length.`);
		case 'minLength':
		case 'minItems':
			return found('BASE_TYPE_MIN_LENGTH', `Must be ${String(p.limit)} or more in length.`);
		case 'enum':
			return found('BASE_TYPE_CHOICES', '', { choices: p.allowedValues as unknown[] });
		case 'const':
			return found('BASE_TYPE_CHOICES', '', { choices: [p.allowedValue] });
		case 'maximum':
			return found('NUMBER_TYPE_MAX', `int value should be less than or equal to ${String(p.limit)}.`);
		case 'minimum':
			return found('NUMBER_TYPE_MIN', `int value should be greater than or equal to ${String(p.limit)}.`);
		case 'pattern':
			return found('STRING_TYPE_REGEX', 'String value did not match validation regex.');
		case 'format':
			if (p.format === 'uri') return found('URL_TYPE_INVALID_URL', 'Not a well formed URL.');
			if (p.format === 'snowflake') return found('NUMBER_TYPE_COERCE', `Value "${shown(value)}" is not snowflake.`);
			return found('BASE_TYPE_FORMAT', `Must be a valid ${String(p.format)}.`);
		case 'if':
		case 'anyOf':
			return null;
		case 'oneOf':
			// Failing every branch: the branches said why. Passing several: that is the error.
			return p.passingSchemas ? found('BASE_TYPE_AMBIGUOUS', 'Matches more than one allowed shape.') : null;
		default:
			return found(`SPEC_${error.keyword.toUpperCase()}`, error.message ?? error.keyword);
	}
}

const key = (path: (string | number)[]): string => path.map(String).join('\u0000');
const isAncestor = (a: (string | number)[], b: (string | number)[]): boolean =>
	a.length < b.length && a.every((part, i) => String(part) === String(b[i]));

/**
 * Ajv's errors as Discord reports them: one list per field, at the deepest place something is
 * wrong (a union's other branches complain about the parent too), choices merged into one.
 */
export function formProblems(errors: readonly ErrorObject[], body: unknown): FormProblem[] {
	const found = errors.map((error) => toProblem(error, body)).filter((f): f is Found => f !== null);
	const deepest = found.filter((f) => !found.some((other) => isAncestor(f.path, other.path)));
	const byPath = new Map<string, Found[]>();
	for (const f of deepest) byPath.set(key(f.path), [...(byPath.get(key(f.path)) ?? []), f]);
	const problems: FormProblem[] = [];
	for (const list of byPath.values()) {
		// A branch that took the value's type said what is wrong with it; else the one type error that is not `null`.
		const typeErrors = list.filter((f) => f.typeError);
		const strong = list.length > typeErrors.length ? list.filter((f) => !f.typeError) : [typeErrors.find((f) => !f.weak) ?? typeErrors[0]!];
		const choices = strong.flatMap((f) => f.choices ?? []);
		const seen = new Set<string>();
		for (const f of strong) {
			const message = f.choices ? `Value must be one of (${choices.map((c) => JSON.stringify(c)).join(', ')}).` : f.message;
			if (seen.has(`${f.code}:${message}`)) continue;
			seen.add(`${f.code}:${message}`);
			problems.push({ path: f.path, code: f.code, message });
		}
	}
	return problems;
}

/** The violations in a few lines each, for the error that fails the test. */
export function describeViolations(violations: readonly SpecViolation[]): string {
	const lines = violations.map((v) => {
		const problems = v.problems.map((p) => `    ${p.path.join('.') || '(body)'}: ${p.code} ${p.message} [${p.source}]`);
		const body = JSON.stringify(v.body) ?? 'undefined';
		return [
			`  ${v.method} ${v.path} (${v.operation})`,
			...problems,
			`    body: ${body.length > 300 ? `${body.slice(0, 300)}...` : body}`,
		].join('\n');
	});
	return `FakeDiscord: ${violations.length} request bod${violations.length === 1 ? 'y' : 'ies'} Discord would refuse with 50035 Invalid Form Body (checked against ${SPEC_PATH} and Discord's documented limits):\n${lines.join('\n')}`;
}
