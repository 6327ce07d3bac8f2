package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/revup/m2mauth"
	"github.com/revup/m2mauth/internal/jsonscan"
)

// The exchange is written here rather than delegated to
// golang.org/x/oauth2/clientcredentials, whose Config.Token takes its HTTP
// client from a context value, hides the headers of the answer (and with
// them Auth0's rate-limit counters), reads up to 1 MiB of it, and turns a
// missing expires_in into a token that never expires. The grant itself is
// one form POST (RFC 6749 section 4.4).

// maxTokenLifetime caps expires_in at Auth0's own maximum for access
// tokens, so that an absurd value cannot keep a token forever.
const maxTokenLifetime = 30 * 24 * time.Hour

// maxDescription bounds the error_description kept from an answer.
const maxDescription = 256

// exchange makes one token request. Its error is returned as a
// *TokenError so that the retry loop can read the status and headers.
func (s *TokenSource) exchange(ctx context.Context) (*Token, *m2mauth.TokenError) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.FetchTimeout)
	defer cancel()
	req, err := s.newRequest(ctx)
	if err != nil {
		return nil, &m2mauth.TokenError{Err: err}
	}
	resp, err := s.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, &m2mauth.TokenError{Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, s.cfg.MaxResponseSize+1))
	rl := m2mauth.ParseRateLimit(resp.Header, s.cfg.Now())
	fail := &m2mauth.TokenError{StatusCode: resp.StatusCode, RateLimit: rl}
	switch {
	case err != nil:
		fail.Err = fmt.Errorf("reading the answer: %w", err)
		return nil, fail
	case int64(len(body)) > s.cfg.MaxResponseSize:
		fail.Err = fmt.Errorf("answer larger than %d bytes", s.cfg.MaxResponseSize)
		return nil, fail
	case resp.StatusCode != http.StatusOK:
		fail.Code, fail.Description = parseTokenError(body)
		return nil, fail
	}
	tok, err := s.parseToken(body)
	if err != nil {
		fail.Err = err
		return nil, fail
	}
	return tok, nil
}

func (s *TokenSource) newRequest(ctx context.Context) (*http.Request, error) {
	form := url.Values{
		"grant_type": {"client_credentials"},
		"audience":   {s.key.Audience},
	}
	if s.key.Scope != "" {
		form.Set("scope", s.key.Scope)
	}
	if s.cfg.AuthStyle == AuthInBody {
		form.Set("client_id", s.cfg.ClientID)
		form.Set("client_secret", *s.secret)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.tokenURL,
		strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if s.cfg.AuthStyle == AuthInHeader {
		// RFC 6749 section 2.3.1 form-encodes both before Basic encoding.
		req.SetBasicAuth(url.QueryEscape(s.cfg.ClientID), url.QueryEscape(*s.secret))
	}
	return req, nil
}

var errNotBearer = errors.New("token type is not bearer")

// parseToken reads a successful answer (RFC 6749 section 5.1).
func (s *TokenSource) parseToken(body []byte) (*Token, error) {
	var tok Token
	var expiresIn float64
	d := jsonscan.New(body)
	err := d.Object(func(name []byte) error {
		var err error
		switch string(name) {
		case "access_token":
			tok.AccessToken, err = d.String()
		case "token_type":
			tok.TokenType, err = d.String()
		case "scope":
			tok.Scope, err = d.String()
		case "expires_in":
			expiresIn, err = seconds(d)
		}
		return err
	})
	if err == nil {
		err = d.End()
	}
	switch {
	case err != nil:
		return nil, fmt.Errorf("invalid token answer: %w", err)
	case tok.AccessToken == "":
		return nil, errors.New("answer holds no access_token")
	case tok.TokenType != "" && !strings.EqualFold(tok.TokenType, "bearer"):
		return nil, errNotBearer
	}
	tok.TokenType = "Bearer"
	tok.Obtained = s.cfg.Now()
	tok.Expiry = tok.Obtained.Add(lifetime(expiresIn))
	return &tok, nil
}

// seconds reads expires_in, which some servers send as a string, and
// others as null to mean they do not say.
func seconds(d *jsonscan.Decoder) (float64, error) {
	switch d.Peek() {
	case 'n':
		return 0, d.Skip()
	case '"':
	default:
		return d.Number()
	}
	s, err := d.String()
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, errors.New("expires_in is not a number")
	}
	return n, nil
}

func lifetime(expiresIn float64) time.Duration {
	if !(expiresIn >= 1) {
		return DefaultTokenLifetime
	}
	if expiresIn >= maxTokenLifetime.Seconds() {
		return maxTokenLifetime
	}
	return time.Duration(expiresIn * float64(time.Second))
}

// parseTokenError reads Auth0's error and error_description, if the
// answer is such an object; anything else yields empty strings.
func parseTokenError(body []byte) (code, description string) {
	d := jsonscan.New(body)
	err := d.Object(func(name []byte) error {
		var err error
		switch string(name) {
		case "error":
			code, err = d.String()
		case "error_description":
			description, err = d.String()
		}
		return err
	})
	if err != nil {
		return "", ""
	}
	return clip(code), clip(description)
}

// clip keeps error text short and printable: it ends up in logs.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == utf8.RuneError {
			return -1
		}
		return r
	}, s)
	if len(s) <= maxDescription {
		return s
	}
	cut := maxDescription
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
