package core_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/core"
)

func TestBearerToken(t *testing.T) {
	tests := []struct {
		header string
		token  string
		want   error
	}{
		{"Bearer abc.def.ghi", "abc.def.ghi", nil},
		{"bearer abc.def.ghi", "abc.def.ghi", nil},
		{"BEARER abc.def.ghi", "abc.def.ghi", nil},
		{"Bearer   abc", "abc", nil},
		{"Bearer abc==", "abc==", nil},
		{"", "", m2mauth.ErrTokenMissing},
		{"Bearer", "", m2mauth.ErrTokenMalformed},
		{"Bearer ", "", m2mauth.ErrTokenMalformed},
		{"Bearer abc def", "", m2mauth.ErrTokenMalformed},
		{"Bearer abc ", "", m2mauth.ErrTokenMalformed},
		{"Bearer\tabc", "", m2mauth.ErrTokenMalformed},
		{"Basic abc", "", m2mauth.ErrTokenMalformed},
		{"Bearerabc", "", m2mauth.ErrTokenMalformed},
		{"Bearer a=b", "", m2mauth.ErrTokenMalformed},
		{"Bearer abc,Bearer def", "", m2mauth.ErrTokenMalformed},
		{"Bearer \"abc\"", "", m2mauth.ErrTokenMalformed},
	}
	for _, tt := range tests {
		tok, err := core.BearerToken(tt.header)
		if !errors.Is(err, tt.want) || (err == nil && tok != tt.token) {
			t.Errorf("BearerToken(%q) = %q, %v; want %q, %v", tt.header, tok, err, tt.token, tt.want)
		}
	}
}

func TestResponseFor(t *testing.T) {
	ae := m2mauth.NewAuthenticationError
	tests := []struct {
		err       error
		status    int
		challenge string
		body      string
	}{
		{ae(m2mauth.ReasonMissingToken, ""), http.StatusUnauthorized, "Bearer",
			`{"error":"unauthorized","error_description":"a bearer token is required"}`},
		{ae(m2mauth.ReasonExpired, ""), http.StatusUnauthorized,
			`Bearer error="invalid_token", error_description="the token has expired"`,
			`{"error":"invalid_token","error_description":"the token has expired"}`},
		{ae(m2mauth.ReasonInsufficientScope, "missing read:messages"), http.StatusForbidden,
			`Bearer error="insufficient_scope", error_description="the token lacks a required scope", scope="read:messages"`,
			`{"error":"insufficient_scope","error_description":"the token lacks a required scope"}`},
		{ae(m2mauth.ReasonKeysUnavailable, ""), http.StatusServiceUnavailable, "",
			`{"error":"temporarily_unavailable","error_description":"the signing keys are unavailable"}`},
		{errors.New("something else"), http.StatusUnauthorized,
			`Bearer error="invalid_token", error_description="the token is malformed"`,
			`{"error":"invalid_token","error_description":"the token is malformed"}`},
	}
	for _, tt := range tests {
		r := core.ResponseFor(tt.err)
		if r.Status != tt.status || r.Challenge != tt.challenge || string(r.JSON()) != tt.body {
			t.Errorf("ResponseFor(%v) = %d %q %s; want %d %q %s", tt.err, r.Status, r.Challenge, r.JSON(), tt.status, tt.challenge, tt.body)
		}
	}
}
