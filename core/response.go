package core

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/revup/m2mauth"
)

// ErrorResponse is how an HTTP adapter answers a request that Validate
// refused, following RFC 6750 section 3. Every adapter renders these same
// values unless the user replaces the response.
type ErrorResponse struct {
	// Status is 401 for a missing or invalid token, 403 for missing
	// scopes, and 503 when no signing key could be fetched.
	Status int
	// Challenge is the WWW-Authenticate value, empty for 503.
	Challenge string
	// Code is RFC 6750's error code ("invalid_token",
	// "insufficient_scope"), or "unauthorized" when no token was sent and
	// "temporarily_unavailable" for 503. Description is a short sentence
	// for people. Neither holds any part of the token.
	Code        string
	Description string
	// Reason is the machine-readable cause.
	Reason m2mauth.Reason
}

var descriptions = map[m2mauth.Reason]string{
	m2mauth.ReasonMissingToken:      "a bearer token is required",
	m2mauth.ReasonMalformed:         "the token is malformed",
	m2mauth.ReasonExpired:           "the token has expired",
	m2mauth.ReasonNotYetValid:       "the token is not valid yet",
	m2mauth.ReasonBadSignature:      "the token signature is invalid",
	m2mauth.ReasonUnknownKey:        "the token was signed with an unknown key",
	m2mauth.ReasonWrongIssuer:       "the token issuer is not accepted",
	m2mauth.ReasonWrongAudience:     "the token audience is not accepted",
	m2mauth.ReasonAlgorithm:         "the token signing algorithm is not accepted",
	m2mauth.ReasonInsufficientScope: "the token lacks a required scope",
	m2mauth.ReasonKeysUnavailable:   "the signing keys are unavailable",
	m2mauth.ReasonInvalidClaims:     "the token claims are invalid",
}

// ResponseFor returns the response for an error from Validate,
// ValidateAuthorization or Claims.RequireScopes. Errors of other kinds
// are treated as an invalid token.
func ResponseFor(err error) ErrorResponse {
	reason := m2mauth.ReasonMalformed
	var ae *m2mauth.AuthenticationError
	if errors.As(err, &ae) {
		reason = ae.Reason
	}
	r := ErrorResponse{Reason: reason, Description: descriptions[reason]}
	if r.Description == "" {
		r.Description = "the token is invalid"
	}
	switch reason {
	case m2mauth.ReasonMissingToken:
		// RFC 6750 3.1: no error code when the request had no credentials.
		r.Status, r.Code, r.Challenge = http.StatusUnauthorized, "unauthorized", "Bearer"
	case m2mauth.ReasonInsufficientScope:
		r.Status, r.Code = http.StatusForbidden, "insufficient_scope"
		r.Challenge = challenge(r.Code, r.Description)
		if ae != nil && strings.HasPrefix(ae.Detail, "missing ") {
			r.Challenge += `, scope="` + strings.TrimPrefix(ae.Detail, "missing ") + `"`
		}
	case m2mauth.ReasonKeysUnavailable:
		r.Status, r.Code = http.StatusServiceUnavailable, "temporarily_unavailable"
	default:
		r.Status, r.Code = http.StatusUnauthorized, "invalid_token"
		r.Challenge = challenge(r.Code, r.Description)
	}
	return r
}

func challenge(code, description string) string {
	return `Bearer error="` + code + `", error_description="` + description + `"`
}

// JSON returns the response body: {"error": Code, "error_description":
// Description}.
func (r ErrorResponse) JSON() []byte {
	b := make([]byte, 0, 96)
	b = append(b, `{"error":`...)
	b = strconv.AppendQuote(b, r.Code)
	b = append(b, `,"error_description":`...)
	b = strconv.AppendQuote(b, r.Description)
	return append(b, '}')
}

// MarshalJSON returns JSON(), so that frameworks which encode a value
// themselves (echo's HTTPError, gin's c.JSON) write the same body.
func (r ErrorResponse) MarshalJSON() ([]byte, error) {
	return r.JSON(), nil
}
