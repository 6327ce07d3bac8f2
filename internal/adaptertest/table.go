package adaptertest

import "net/http"

// row is one request of the table and the answer every adapter must give.
type row struct {
	name string
	path string
	// misplaced is where a valid token is sent instead of the header:
	// "query" (access_token, RFC 6750 2.3) or "cookie".
	misplaced string
	// auth returns the Authorization header lines to send, none if nil.
	auth func(k tokens) []string
	want answer
}

// answer is what a row expects. An error answer has a body; a success on
// PrivatePath or ScopedPath has an identity.
type answer struct {
	status int
	// challenge is the exact WWW-Authenticate value, "" for none.
	challenge string
	body      string
	identity  *Identity
}

func bearer(tok func(tokens) string) func(tokens) []string {
	return func(k tokens) []string { return []string{"Bearer " + tok(k)} }
}

func literal(values ...string) func(tokens) []string {
	return func(tokens) []string { return values }
}

// refused is the 401 answer to a token that was presented but is
// invalid, for the given description.
func refused(description string) answer {
	return answer{
		status:    http.StatusUnauthorized,
		challenge: `Bearer error="invalid_token", error_description="` + description + `"`,
		body:      `{"error":"invalid_token","error_description":"` + description + `"}`,
	}
}

const malformedDesc = "the token is malformed"

var (
	// noToken is RFC 6750 3.1's answer to a request with no credentials:
	// a challenge without an error code.
	noToken = answer{
		status:    http.StatusUnauthorized,
		challenge: "Bearer",
		body:      `{"error":"unauthorized","error_description":"a bearer token is required"}`,
	}
	insufficientScope = answer{
		status: http.StatusForbidden,
		challenge: `Bearer error="insufficient_scope", ` +
			`error_description="the token lacks a required scope", scope="` + Scope + `"`,
		body: `{"error":"insufficient_scope","error_description":"the token lacks a required scope"}`,
	}
	keysUnavailable = answer{
		status: http.StatusServiceUnavailable,
		body:   `{"error":"temporarily_unavailable","error_description":"the signing keys are unavailable"}`,
	}
	public   = answer{status: http.StatusOK}
	client   = answer{status: http.StatusOK, identity: &Identity{ClientID: "test-client"}}
	withRBAC = answer{status: http.StatusOK, identity: &Identity{
		ClientID: "test-client", Permissions: []string{Scope}}}
	withScope = answer{status: http.StatusOK, identity: &Identity{
		ClientID: "test-client", Scopes: []string{"openid", Scope}}}
)

var rows = []row{
	{name: "public needs no token", path: PublicPath, want: public},
	{name: "public ignores a garbage header", path: PublicPath,
		auth: literal("Bearer not-a-token"), want: public},
	{name: "no header", path: PrivatePath, want: noToken},
	{name: "empty bearer", path: PrivatePath,
		auth: literal("Bearer "), want: refused(malformedDesc)},
	{name: "basic scheme", path: PrivatePath,
		auth: literal("Basic dXNlcjpwYXNzd29yZA=="), want: refused(malformedDesc)},
	{name: "valid token under another scheme", path: PrivatePath,
		auth: func(k tokens) []string { return []string{"Token " + k.valid()} },
		want: refused(malformedDesc)},
	{name: "token followed by another field", path: PrivatePath,
		auth: func(k tokens) []string { return []string{"Bearer " + k.valid() + " extra"} },
		want: refused(malformedDesc)},
	{name: "lowercase scheme", path: PrivatePath,
		auth: func(k tokens) []string { return []string{"bearer " + k.valid()} },
		want: client},
	{name: "uppercase scheme", path: PrivatePath,
		auth: func(k tokens) []string { return []string{"BEARER " + k.valid()} },
		want: client},
	{name: "two authorization headers", path: PrivatePath,
		auth: func(k tokens) []string { return []string{"Bearer " + k.valid(), "Bearer " + k.valid()} },
		want: refused(malformedDesc)},
	{name: "token in the query string only", path: PrivatePath,
		misplaced: "query", want: noToken},
	{name: "token in a cookie only", path: PrivatePath,
		misplaced: "cookie", want: noToken},
	{name: "garbage token", path: PrivatePath,
		auth: literal("Bearer not-a-token"), want: refused(malformedDesc)},
	{name: "expired", path: PrivatePath,
		auth: bearer(tokens.expired), want: refused("the token has expired")},
	{name: "not yet valid", path: PrivatePath,
		auth: bearer(tokens.notYetValid), want: refused("the token is not valid yet")},
	{name: "wrong issuer", path: PrivatePath,
		auth: bearer(tokens.wrongIssuer), want: refused("the token issuer is not accepted")},
	{name: "wrong audience", path: PrivatePath,
		auth: bearer(tokens.wrongAudience), want: refused("the token audience is not accepted")},
	{name: "bad signature", path: PrivatePath,
		auth: bearer(tokens.badSignature), want: refused("the token signature is invalid")},
	{name: "unknown kid", path: PrivatePath,
		auth: bearer(tokens.unknownKid), want: refused("the token was signed with an unknown key")},
	{name: "alg none", path: PrivatePath,
		auth: bearer(tokens.algNone), want: refused(malformedDesc)},
	{name: "HS256 keyed with the public key", path: PrivatePath,
		auth: bearer(tokens.hs256), want: refused("the token signing algorithm is not accepted")},
	{name: "missing scope", path: ScopedPath,
		auth: bearer(tokens.valid), want: insufficientScope},
	{name: "valid token", path: PrivatePath,
		auth: bearer(tokens.valid), want: client},
	{name: "valid token with scope", path: ScopedPath,
		auth: bearer(tokens.scoped), want: withScope},
	{name: "scope through RBAC permissions", path: ScopedPath,
		auth: bearer(tokens.rbac), want: withRBAC},
	{name: "still serving after refusals", path: PrivatePath,
		auth: bearer(tokens.valid), want: client},
}
