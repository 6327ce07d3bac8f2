// Package hygiene holds no code: its tests prove that m2mauth lets out
// no client secret and no whole token. They run the adapters' behaviour
// and attack tables, and an outbound client through a token refetch, a
// rate limit and refused credentials, with distinctive secrets, and scan
// everything that leaves the library for them: every log record at
// Debug level, every error, every response body and header, and every
// value of ours printed with %v, %+v, %#v and %s.
package hygiene
