// The partner area's statements (S5).

/** S5: the kinds of solicitation that let a partner add documents. */
export const SUPPLEMENT_KINDS = ["supplement", "both", "on_behalf"];
