import { Data } from "effect"

/** Bad usage or bad input from the operator: the CLI exits with code 2. */
export class InvalidInput extends Data.TaggedError("InvalidInput")<{ readonly message: string }> {}
