/** A mistake the member can fix; shown to them privately, never logged as a failure. */
export class UserError extends Error {
	override readonly name = 'UserError';
}
