package core

// The alphabets below are checked over tokens of close to a kilobyte,
// on every token the cache does not hold. A byte-indexed table costs one
// load per byte, where the chain of range comparisons it replaces, with
// a strings.IndexByte for the punctuation, cost over a microsecond per
// token (issue 5). Even so the scan costs more than a cache hit, which
// is why ValidateAuthorization looks in the cache first.

// alphabet marks the bytes of a character set.
type alphabet [256]bool

func newAlphabet(punctuation string) *alphabet {
	var a alphabet
	for c := 'a'; c <= 'z'; c++ {
		a[c] = true
		a[c-'a'+'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		a[c] = true
	}
	for i := 0; i < len(punctuation); i++ {
		a[punctuation[i]] = true
	}
	return &a
}

var (
	// b64token is RFC 6750's b64token without its trailing "=".
	b64token = newAlphabet("-._~+/")
	// jwsCompact is base64url (RFC 4648 section 5) plus the dot that
	// separates a compact JWS's segments.
	jwsCompact = newAlphabet("-_.")
)

// prefixIn returns the length of the longest prefix of s made of a's
// bytes.
func (a *alphabet) prefixIn(s string) int {
	for i := 0; i < len(s); i++ {
		if !a[s[i]] {
			return i
		}
	}
	return len(s)
}
