package core

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/internal/jsonscan"
)

// The JWT is parsed here rather than by golang-jwt's Parser for three
// reasons. Strictness: encoding/json, which golang-jwt uses, keeps the
// last of two members with the same name, so a token can show one exp to
// us and another to a proxy; it also lets exp be written as a string in
// some claim types and ignores crit. Performance: its Parser allocates 70
// to 90 times per token, against a budget of under 40 for the whole
// validation (issue 5). And a smaller surface: only compact JWS with an
// RSA algorithm from the configuration is accepted, so nothing here ever
// looks at an algorithm name to decide how to verify.

var b64 = base64.RawURLEncoding.Strict()

// parts splits a compact JWS after checking that it holds nothing but the
// base64url alphabet and exactly two dots. The base64 decoder alone would
// skip CR and LF, so the check must come first for the spelling of a
// token to be unique.
func parts(token string) (header, payload, sig string, ok bool) {
	if jwsCompact.prefixIn(token) != len(token) || strings.Count(token, ".") != 2 {
		return "", "", "", false
	}
	header, rest, _ := strings.Cut(token, ".")
	payload, sig, _ = strings.Cut(rest, ".")
	return header, payload, sig, header != "" && payload != "" && sig != ""
}

func malformed(detail string) error {
	return m2mauth.NewAuthenticationError(m2mauth.ReasonMalformed, detail)
}

func decodeSegment(dst []byte, seg string) ([]byte, bool) {
	n := b64.DecodedLen(len(seg))
	if cap(dst) < n {
		dst = make([]byte, n)
	}
	n, err := b64.Decode(dst[:n], []byte(seg))
	return dst[:n], err == nil
}

// header holds what the validator reads of the JOSE header.
type header struct {
	alg *algorithm
	kid []byte
}

// parseHeader enforces RFC 7515 and RFC 8725 on the header. jku, x5u, jwk
// and x5c are read past and never used: keys come only from the tenant's
// key set.
func (v *Validator) parseHeader(raw []byte) (header, error) {
	var h header
	var algSeen bool
	d := jsonscan.New(raw)
	err := d.Object(func(name []byte) error {
		switch string(name) {
		case "alg":
			alg, err := d.Bytes()
			if err != nil {
				return err
			}
			algSeen = true
			h.alg = v.algorithm(alg)
		case "kid":
			kid, err := d.Bytes()
			if err != nil {
				return err
			}
			h.kid = kid
		case "typ":
			typ, err := d.Bytes()
			if err != nil {
				return err
			}
			if !acceptedType(typ) {
				return errBadType
			}
		case "crit":
			// RFC 7515 4.1.11: a recipient must refuse a token whose crit
			// names an extension it does not implement. We implement none.
			return errCrit
		case "enc", "zip":
			return errEncrypted
		}
		return nil
	})
	switch {
	case errors.Is(err, errBadType):
		return h, malformed("token type is not an access token")
	case errors.Is(err, errCrit):
		return h, malformed("unsupported critical header")
	case errors.Is(err, errEncrypted):
		return h, malformed("encrypted tokens are not supported")
	case err != nil || d.End() != nil:
		return h, malformed("invalid header")
	case !algSeen:
		return h, malformed("missing alg")
	case h.alg == nil:
		return h, m2mauth.NewAuthenticationError(m2mauth.ReasonAlgorithm, "algorithm not allowed")
	case len(h.kid) == 0:
		return h, malformed("missing kid")
	}
	return h, nil
}

var (
	errBadType   = errors.New("bad typ")
	errCrit      = errors.New("crit")
	errEncrypted = errors.New("encrypted")
)

// acceptedType allows the typ values of an access token: Auth0's "JWT"
// and RFC 9068's "at+jwt", with or without the "application/" prefix RFC
// 7515 lets senders drop, compared case-insensitively as media types are.
// Any other type is refused, so that a logout token or a DPoP proof from
// the same tenant cannot pass for an access token (RFC 8725 3.11).
func acceptedType(typ []byte) bool {
	t := string(typ)
	if len(t) > len("application/") && strings.EqualFold(t[:len("application/")], "application/") {
		t = t[len("application/"):]
	}
	return strings.EqualFold(t, "JWT") || strings.EqualFold(t, "at+jwt")
}

// parseClaims reads the registered claims and Auth0's own into c.
func parseClaims(raw []byte, c *Claims) error {
	var expSeen bool
	d := jsonscan.New(raw)
	err := d.Object(func(name []byte) error {
		var err error
		switch string(name) {
		case "iss":
			c.Issuer, err = d.String()
		case "sub":
			c.Subject, err = d.String()
		case "aud":
			c.Audience, err = d.Strings()
		case "azp":
			c.AuthorizedParty, err = d.String()
		case "client_id":
			c.ClientID, err = d.String()
		case "gty":
			c.GrantType, err = d.String()
		case "jti":
			c.ID, err = d.String()
		case "scope":
			var s string
			s, err = d.String()
			c.Scopes = splitScope(s)
		case "permissions":
			c.Permissions, err = d.StringArray()
		case "exp":
			expSeen = true
			c.ExpiresAt, err = numericDate(d)
		case "nbf":
			c.NotBefore, err = numericDate(d)
		case "iat":
			c.IssuedAt, err = numericDate(d)
		}
		return err
	})
	if err != nil || d.End() != nil {
		if errors.Is(err, jsonscan.ErrType) {
			return malformed("claim of the wrong type")
		}
		return malformed("invalid claims")
	}
	if !expSeen {
		return m2mauth.NewAuthenticationError(m2mauth.ReasonInvalidClaims, "missing exp")
	}
	if c.AuthorizedParty != "" {
		c.ClientID = c.AuthorizedParty
	} else if c.ClientID == "" {
		c.ClientID = strings.TrimSuffix(c.Subject, "@clients")
	}
	return nil
}

// splitScope splits a scope claim at spaces only (RFC 6749 3.3). Splitting
// at every Unicode space, as strings.Fields does, would read the single
// scope "read\u00a0admin" as granting "admin".
func splitScope(s string) []string {
	if s == "" {
		return nil
	}
	out := make([]string, 0, strings.Count(s, " ")+1)
	for part := range strings.SplitSeq(s, " ") {
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// Bounds of a NumericDate we convert: years 1 to 9999. Values outside are
// clamped, which keeps them expired or far in the future as they meant.
const (
	minDate = -62135596800
	maxDate = 253402300799
)

// numericDate reads an RFC 7519 NumericDate, which must be a JSON number.
func numericDate(d *jsonscan.Decoder) (time.Time, error) {
	f, err := d.Number()
	if err != nil {
		return time.Time{}, err
	}
	f = math.Min(math.Max(f, minDate), maxDate)
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)), nil
}

// algorithm is one RSA signature scheme of RFC 7518.
type algorithm struct {
	name string
	hash crypto.Hash
	pss  bool
}

var allAlgorithms = []*algorithm{
	{"RS256", crypto.SHA256, false},
	{"RS384", crypto.SHA384, false},
	{"RS512", crypto.SHA512, false},
	{"PS256", crypto.SHA256, true},
	{"PS384", crypto.SHA384, true},
	{"PS512", crypto.SHA512, true},
}

func (v *Validator) algorithm(name []byte) *algorithm {
	for _, a := range v.algs {
		if a.name == string(name) {
			return a
		}
	}
	return nil
}

func (a *algorithm) verify(pub *rsa.PublicKey, signingInput string, sig []byte) error {
	var sum [sha512.Size]byte
	var digest []byte
	switch a.hash {
	case crypto.SHA256:
		s := sha256.Sum256([]byte(signingInput))
		digest = append(sum[:0], s[:]...)
	case crypto.SHA384:
		s := sha512.Sum384([]byte(signingInput))
		digest = append(sum[:0], s[:]...)
	default:
		s := sha512.Sum512([]byte(signingInput))
		digest = append(sum[:0], s[:]...)
	}
	if a.pss {
		// RFC 7518 3.5: the salt is as long as the hash output.
		return rsa.VerifyPSS(pub, a.hash, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	}
	return rsa.VerifyPKCS1v15(pub, a.hash, digest, sig)
}
