package core_test

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

// The oracle judges a token the validator accepted with other code than
// the validator's: encoding/json for the JSON and crypto/rsa called
// directly for the signature. Every fuzzed token the validator accepts
// must pass it. It knows only the fixed tenant of fixture_test.go.

// oracleLeeway is core.DefaultLeeway plus a second, so that float
// rounding at the edge of a NumericDate is not taken for a defect.
const oracleLeeway = int64(core.DefaultLeeway/time.Second) + 1

// checkSigned reports why token should not have been accepted as signed
// by pub, or nil.
func checkSigned(pub *rsa.PublicKey, token string) error {
	segs := strings.Split(token, ".")
	if len(segs) != 3 {
		return fmt.Errorf("%d segments, want 3", len(segs))
	}
	var raw [3][]byte
	for i, s := range segs {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			return fmt.Errorf("segment %d is not base64url: %w", i, err)
		}
		if base64.RawURLEncoding.EncodeToString(b) != s {
			return fmt.Errorf("segment %d is not in canonical base64url", i)
		}
		raw[i] = b
	}
	sum := sha256.Sum256([]byte(segs[0] + "." + segs[1]))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], raw[2]); err != nil {
		return fmt.Errorf("signature: %w", err)
	}
	if err := checkHeader(raw[0]); err != nil {
		return err
	}
	return checkClaims(raw[1])
}

func checkHeader(raw []byte) error {
	var h map[string]any
	if err := strictJSON(raw, &h); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	if h["alg"] != "RS256" || h["kid"] != fixedKid {
		return fmt.Errorf("header alg %v kid %v", h["alg"], h["kid"])
	}
	for _, name := range []string{"crit", "enc", "zip"} {
		if _, ok := h[name]; ok {
			return fmt.Errorf("header has %s", name)
		}
	}
	if typ, ok := h["typ"]; ok {
		s, _ := typ.(string)
		s = strings.TrimPrefix(strings.ToLower(s), "application/")
		if s != "jwt" && s != "at+jwt" {
			return fmt.Errorf("header typ %v", typ)
		}
	}
	return nil
}

func checkClaims(raw []byte) error {
	var c map[string]any
	if err := strictJSON(raw, &c); err != nil {
		return fmt.Errorf("claims: %w", err)
	}
	now := fixedNow.Unix()
	exp, ok := numericDate(c["exp"])
	if !ok || exp+float64(oracleLeeway) <= float64(now) {
		return fmt.Errorf("exp %v at %d", c["exp"], now)
	}
	for _, name := range []string{"nbf", "iat"} {
		if v, present := c[name]; present {
			t, ok := numericDate(v)
			if !ok || t > float64(now+oracleLeeway) {
				return fmt.Errorf("%s %v at %d", name, v, now)
			}
		}
	}
	if c["iss"] != fixedIssuer {
		return fmt.Errorf("iss %q", c["iss"])
	}
	if !audienceNames(c["aud"], fixedAudience) {
		return fmt.Errorf("aud %v", c["aud"])
	}
	return checkClaimTypes(c)
}

func checkClaimTypes(c map[string]any) error {
	for _, name := range []string{"sub", "azp", "client_id", "gty", "jti", "scope"} {
		if v, ok := c[name]; ok {
			if _, isString := v.(string); !isString {
				return fmt.Errorf("%s is %T", name, v)
			}
		}
	}
	if v, ok := c["permissions"]; ok && !isStringArray(v) {
		return fmt.Errorf("permissions is %T", v)
	}
	return nil
}

// strictJSON decodes raw with numbers kept as json.Number, after checking
// what encoding/json lets pass: invalid UTF-8 and trailing data.
func strictJSON(raw []byte, v any) error {
	if !utf8.Valid(raw) || !json.Valid(raw) {
		return errors.New("not valid JSON in UTF-8")
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	return d.Decode(v)
}

func numericDate(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil
}

func audienceNames(v any, want string) bool {
	switch a := v.(type) {
	case string:
		return a == want
	case []any:
		return isStringArray(a) && slices.Contains(a, any(want))
	}
	return false
}

func isStringArray(v any) bool {
	arr, ok := v.([]any)
	if !ok {
		return false
	}
	for _, e := range arr {
		if _, ok := e.(string); !ok {
			return false
		}
	}
	return true
}

// checkRefusal reports what is wrong with the error a refused token got.
func checkRefusal(token string, err error) error {
	var ae *m2mauth.AuthenticationError
	if !errors.As(err, &ae) {
		return fmt.Errorf("got %T %v, want an *m2mauth.AuthenticationError", err, err)
	}
	if ae.Reason.Sentinel() == m2mauth.ErrAuthentication || !errors.Is(err, ae.Reason.Sentinel()) {
		return fmt.Errorf("reason %q has no sentinel", ae.Reason)
	}
	if len(token) >= 24 && strings.Contains(err.Error(), token) {
		return errors.New("the error repeats the token")
	}
	return nil
}
