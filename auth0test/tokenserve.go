package auth0test

import (
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxTokenRequest bounds a token request's body, as any server should.
const maxTokenRequest = 64 << 10

// credentials are what one token request carries.
type credentials struct {
	TokenRequest
	grantType string
	secret    string
}

// serveToken answers POST /oauth/token the way Auth0 does for the
// client-credentials grant.
func (t *Tenant) serveToken(w http.ResponseWriter, r *http.Request) {
	cred, bad := readTokenRequest(w, r)
	if a := t.oauth.next(cred.TokenRequest); a != nil {
		if !pause(r, a.Delay) {
			return
		}
		if a.Status != 0 {
			writeAnswer(w, a)
			return
		}
	}
	if bad != nil {
		writeAnswer(w, bad)
		return
	}
	if cred.grantType != "client_credentials" {
		writeAnswer(w, denied(http.StatusForbidden, "unsupported_grant_type",
			"Unsupported grant type: "+cred.grantType))
		return
	}
	c, ok := t.oauth.authenticate(cred.ClientID, cred.secret)
	if !ok {
		writeAnswer(w, denied(http.StatusUnauthorized, "access_denied", "Unauthorized"))
		return
	}
	scopes, refusal := grantedScopes(c, cred.Audience, cred.Scope)
	if refusal != nil {
		writeAnswer(w, refusal)
		return
	}
	t.issue(w, c, cred.Audience, scopes)
}

func (t *Tenant) issue(w http.ResponseWriter, c Client, audience string, scopes []string) {
	life := c.ExpiresIn
	if life == 0 {
		life = int(DefaultLifetime / time.Second)
	}
	claims := t.M2MClaims(c.ID, audience, scopes...)
	claims["exp"] = time.Now().Unix() + int64(max(life, 1))
	claims["jti"] = newJTI()
	body := map[string]any{
		"access_token": t.Sign(claims),
		"token_type":   "Bearer",
	}
	if life > 0 {
		body["expires_in"] = life
	}
	if s, ok := claims["scope"]; ok {
		body["scope"] = s
	}
	t.oauth.countIssued()
	writeJSON(w, http.StatusOK, body)
}

// pause waits d unless the request goes away first.
func pause(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func writeAnswer(w http.ResponseWriter, a *TokenAnswer) {
	for name, values := range a.Header {
		w.Header()[name] = values
	}
	writeJSON(w, a.Status, map[string]string{
		"error":             a.Error,
		"error_description": a.Description,
	})
}

// readTokenRequest reads a form or JSON body, with the credentials in it
// (client_secret_post) or in a Basic header (client_secret_basic).
// A malformed request gets Auth0's invalid_request answer.
func readTokenRequest(w http.ResponseWriter, r *http.Request) (credentials, *TokenAnswer) {
	r.Body = http.MaxBytesReader(w, r.Body, maxTokenRequest)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	cred := credentials{TokenRequest: TokenRequest{ContentType: ct}}
	fields, ok := readFields(r, ct)
	if !ok {
		return cred, denied(http.StatusBadRequest, "invalid_request", "Invalid request body")
	}
	cred.grantType = fields.Get("grant_type")
	cred.Audience = fields.Get("audience")
	cred.Scope = fields.Get("scope")
	cred.ClientID = fields.Get("client_id")
	cred.secret = fields.Get("client_secret")
	cred.AuthMethod = "client_secret_post"
	id, secret, basic := r.BasicAuth()
	if !basic {
		return cred, nil
	}
	if cred.secret != "" {
		return cred, denied(http.StatusBadRequest, "invalid_request",
			"Only one client authentication method is allowed")
	}
	// RFC 6749 section 2.3.1: both parts are form-encoded.
	cred.ClientID, _ = url.QueryUnescape(id)
	cred.secret, _ = url.QueryUnescape(secret)
	cred.AuthMethod = "client_secret_basic"
	return cred, nil
}

func readFields(r *http.Request, contentType string) (url.Values, bool) {
	if contentType != "application/json" {
		err := r.ParseForm()
		return r.PostForm, err == nil
	}
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return nil, false
	}
	fields := url.Values{}
	for name, v := range body {
		if s, ok := v.(string); ok {
			fields.Set(name, strings.TrimSpace(s))
		}
	}
	return fields, true
}
